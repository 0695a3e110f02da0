package org.raylens.inference.training;

import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Frozen-encoder features on disk, so retraining an adapter costs seconds instead of a forward per image. One file
 * per (image SHA-256, encoder weights SHA-256, preprocessing recipe): changing any of them is a different key, so a
 * stale feature can never be read. Files hold fp16 values after a 32-byte header and are memory-mapped on read.
 * A file without patch tokens does not satisfy a request that needs them (it is then recomputed and replaced).
 * Writes go to a temporary file first and are moved into place, so an interrupted run leaves no half file.
 *
 * <p>Header (little-endian): magic "RLFEAT01", int32 version 1, int32 D, int32 rows, int32 cols, int32 hasPatches,
 * int32 reserved; then D fp16 (CLS), D fp16 (mean patch), [rows·cols·D fp16 (patches)].
 */
public final class FeatureCache {
    private static final byte[] MAGIC = "RLFEAT01".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 32;
    private final Path dir;

    public FeatureCache(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The cache key: a SHA-256 over the three identities (so the file name reveals nothing and never collides). */
    public static String key(String imageSha256, String weightsSha256, String recipeKey) {
        return Sha256.ofString(imageSha256 + "\n" + weightsSha256 + "\n" + recipeKey);
    }

    Path file(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key + ".f16");
    }

    /** Cached features for the key, if present, readable and (when asked) holding patch tokens. */
    public Optional<ImageFeatures> get(String key, boolean needPatches) {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            if (ch.size() < HEADER) {
                return Optional.empty();
            }
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            h.flip();
            byte[] magic = new byte[8];
            h.get(magic);
            int version = h.getInt();
            int d = h.getInt();
            int rows = h.getInt();
            int cols = h.getInt();
            boolean has = h.getInt() != 0;
            if (!java.util.Arrays.equals(magic, MAGIC) || version != 1 || d <= 0 || rows <= 0 || cols <= 0
                    || needPatches && !has) {
                return Optional.empty();
            }
            long len = 2L * d * (2 + (has ? (long) rows * cols : 0));
            if (ch.size() != HEADER + len) {
                return Optional.empty();
            }
            ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, HEADER, len);
            return Optional.of(new ImageFeatures(d, rows, cols, has, data));
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable entry only costs a recomputation
            return Optional.empty();
        }
    }

    public void put(String key, ImageFeatures features) throws IOException {
        Path f = file(key);
        Files.createDirectories(f.getParent());
        AtomicFiles.replace(f, out -> {
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(1).putInt(features.dim()).putInt(features.rows()).putInt(features.cols())
                    .putInt(features.hasPatches() ? 1 : 0).putInt(0);
            out.write(h.array());
            ByteBuffer data = features.fp16();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.write(bytes);
        });
    }
}
