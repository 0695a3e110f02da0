package org.raylens.inference.family.imported;

import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an imported graph file before any engine sees it: its size against {@link #MAX_MODEL_BYTES}, its SHA-256
 * against the manifest's, and what it is. A TorchScript archive is a zip whose entries include {@code code/} (the
 * TorchScript source) or {@code constants.pkl}; a {@code torch.save} checkpoint is a zip with only {@code data.pkl}
 * and tensors, or a bare pickle (first byte 0x80), and belongs to the checkpoint families (EVA-X), not here. Only the
 * zip's central directory is read, nothing is extracted or unpickled.
 */
public final class ModelFiles {
    /**
     * Largest graph file accepted: 2 GiB, the size protobuf (and so a single-file ONNX graph) can hold; a TorchScript
     * archive of a ViT-L is ≈ 1.2 GB. Bigger files are refused before any engine allocates for them.
     */
    public static final long MAX_MODEL_BYTES = 2L << 30;

    private ModelFiles() {
    }

    /** What a file is, by its bytes. */
    public enum Kind { TORCHSCRIPT, TORCH_SAVE_CHECKPOINT, ONNX, OTHER }

    public static Kind kind(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return Kind.OTHER;
        }
        if (n >= 1 && (head[0] & 0xff) == 0x80) {
            return Kind.TORCH_SAVE_CHECKPOINT; // a legacy (non-zip) torch.save pickle
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return zipKind(file);
        }
        // an ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08
        if (n >= 1 && head[0] == 0x08 && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .endsWith(".onnx")) {
            return Kind.ONNX;
        }
        return Kind.OTHER;
    }

    private static Kind zipKind(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean pickle = false;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.contains("/code/") || name.endsWith("/constants.pkl")) {
                    return Kind.TORCHSCRIPT;
                }
                pickle |= name.endsWith("/data.pkl");
            }
            return pickle ? Kind.TORCH_SAVE_CHECKPOINT : Kind.OTHER;
        } catch (IOException e) {
            return Kind.OTHER;
        }
    }

    /**
     * Refuses a graph file that is missing, too big, of the wrong kind or not the one the manifest's SHA-256 names.
     *
     * @return the file's SHA-256 (hex), or "not computed" when {@code identity} is null and the manifest gives none
     */
    public static String check(ImportManifest manifest, ImportEngine engine, Path file, WeightsIdentity identity)
            throws ModelLoadException {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, "the model file named by " + manifest.file().getFileName()
                    + " (files." + engine.key() + ") does not exist");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read the model file: " + e.getMessage(), e);
        }
        if (size > MAX_MODEL_BYTES) {
            throw new ModelLoadException(file, "the model file is " + size + " bytes; an imported model may be at most "
                    + MAX_MODEL_BYTES + " bytes (2 GiB)");
        }
        Kind kind = kind(file);
        Kind wanted = engine == ImportEngine.TORCHSCRIPT ? Kind.TORCHSCRIPT : Kind.ONNX;
        if (kind != wanted) {
            throw new ModelLoadException(file, "files." + engine.key() + " must name " + (engine == ImportEngine.ONNX
                    ? "an ONNX graph (.onnx)" : "a TorchScript archive (torch.jit.trace/script + save)") + ", but this"
                    + " file is " + describe(kind));
        }
        String expected = manifest.sha256().get(file.getFileName().toString());
        if (expected == null && identity == null) {
            return "not computed";
        }
        String actual;
        try {
            actual = (identity != null ? identity : new WeightsIdentity(null)).sha256(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot hash the model file: " + e.getMessage(), e);
        }
        if (expected != null && !expected.equals(actual)) {
            throw new ModelLoadException(file, "SHA-256 " + actual + " differs from " + expected + " that "
                    + manifest.file().getFileName() + " gives (files.sha256): a different or damaged file");
        }
        return actual;
    }

    public static String describe(Kind kind) {
        return switch (kind) {
            case TORCHSCRIPT -> "a TorchScript archive";
            case TORCH_SAVE_CHECKPOINT -> "a torch.save checkpoint (a pickle of weights, not a TorchScript graph: export"
                    + " it with torch.jit.trace, or load its weights with a native family such as EVA-X)";
            case ONNX -> "an ONNX graph";
            case OTHER -> "neither a TorchScript archive nor an ONNX graph";
        };
    }
}
