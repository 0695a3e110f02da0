package org.raylens.inference.weights;

import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of a weights file: the identity that travels with every result as provenance. Hashing 350 MB costs a
 * second or two, so digests are cached by absolute path + size + modification time, in memory and (when a cache
 * file is given) on disk, so a re-run does not hash again. A changed file (new size or mtime) is hashed anew.
 */
public final class WeightsIdentity {
    private final Path cacheFile;
    private final Map<String, String> memory = new ConcurrentHashMap<>();

    /** @param cacheFile properties file for persisted digests, or null for an in-memory cache only */
    public WeightsIdentity(Path cacheFile) {
        this.cacheFile = cacheFile;
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(cacheFile)) {
                p.load(in);
                p.forEach((k, v) -> memory.put(k.toString(), v.toString()));
            } catch (IOException | IllegalArgumentException e) {
                // an unreadable cache only costs a re-hash; it must never stop a model from loading
                memory.clear();
            }
        }
    }

    /** The default persistent cache under the user's home (~/.cache/raylens/weights-sha256.properties). */
    public static WeightsIdentity userCache() {
        return new WeightsIdentity(Path.of(System.getProperty("user.home"), ".cache", "raylens", "weights-sha256.properties"));
    }

    public String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        String key = abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
        String cached = memory.get(key);
        if (cached != null) {
            return cached;
        }
        String digest = hash(abs);
        memory.put(key, digest);
        persist();
        return digest;
    }

    static String hash(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private synchronized void persist() {
        if (cacheFile == null) {
            return;
        }
        Properties p = new Properties();
        p.putAll(memory);
        try {
            Files.createDirectories(cacheFile.getParent());
            AtomicFiles.replace(cacheFile,
                    out -> p.store(out, "RayLens weights SHA-256 cache: path|size|mtime = digest"));
        } catch (IOException e) {
            // a read-only home only costs a re-hash next time; the digest itself is already correct
        }
    }
}
