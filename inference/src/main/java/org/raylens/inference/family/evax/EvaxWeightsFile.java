package org.raylens.inference.family.evax;

import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.torch.TorchCheckpoint;
import org.raylens.inference.weights.torch.TorchStateDict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One EVA-X weights file seen the same way whatever its format: a PyTorch checkpoint ({@code .pth}/{@code .pt}, read
 * by {@link TorchCheckpoint} without running its pickle; the state dict may be nested under model, model_ema, module
 * or state_dict) or a {@code .safetensors} file with the same key names. Open while the encoder is being built.
 */
abstract sealed class EvaxWeightsFile implements AutoCloseable {
    /** A tensor's shape and whether it holds floats. */
    record Entry(long[] shape, TensorDtype dtype) {
    }

    private final Path file;

    private EvaxWeightsFile(Path file) {
        this.file = file;
    }

    static boolean isTorch(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".pth") || n.endsWith(".pt");
    }

    static boolean isSafetensors(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".safetensors");
    }

    /** Opens a .pth/.pt or .safetensors file; other names are refused by the caller before this. */
    static EvaxWeightsFile open(Path file) throws IOException {
        if (isSafetensors(file)) {
            return new Safetensors(file, SafetensorsReader.open(file));
        }
        TorchCheckpoint ckpt = TorchCheckpoint.open(file);
        try {
            return new Torch(file, ckpt, ckpt.stateDict());
        } catch (IOException | RuntimeException e) {
            ckpt.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** Every tensor by name, in the file's order. */
    abstract Map<String, Entry> entries();

    /** The tensor as float32 in C order. */
    abstract float[] floats(String name) throws IOException;

    /** The safetensors header metadata (empty for a PyTorch checkpoint). */
    abstract Map<String, String> metadata();

    /** How the weights were found, for provenance ("safetensors", "PyTorch checkpoint, state dict under 'model'"). */
    abstract String describe();

    @Override
    public abstract void close() throws IOException;

    private static final class Safetensors extends EvaxWeightsFile {
        private final SafetensorsReader reader;

        Safetensors(Path file, SafetensorsReader reader) {
            super(file);
            this.reader = reader;
        }

        @Override
        Map<String, Entry> entries() {
            Map<String, Entry> m = new LinkedHashMap<>();
            reader.tensors().forEach((k, v) -> m.put(k, new Entry(v.shape(), v.dtype())));
            return m;
        }

        @Override
        float[] floats(String name) throws IOException {
            return reader.readFloats(name);
        }

        @Override
        Map<String, String> metadata() {
            return reader.metadata();
        }

        @Override
        String describe() {
            return "safetensors";
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static final class Torch extends EvaxWeightsFile {
        private final TorchCheckpoint checkpoint;
        private final TorchStateDict dict;

        Torch(Path file, TorchCheckpoint checkpoint, TorchStateDict dict) {
            super(file);
            this.checkpoint = checkpoint;
            this.dict = dict;
        }

        @Override
        Map<String, Entry> entries() {
            Map<String, Entry> m = new LinkedHashMap<>();
            dict.tensors().forEach((k, v) -> m.put(k, new Entry(v.shape(), v.dtype())));
            return m;
        }

        @Override
        float[] floats(String name) throws IOException {
            return dict.readFloats(name);
        }

        @Override
        Map<String, String> metadata() {
            return Map.of();
        }

        @Override
        String describe() {
            String where = dict.source().isEmpty() ? "at the top level" : "under '" + dict.source() + "'";
            String rest = !dict.source().isEmpty() && checkpoint.topLevelKeys().size() > 1 ? " (other top-level entries ignored: "
                    + checkpoint.topLevelKeys().stream().filter(k -> !k.equals(dict.source())).toList() + ")" : "";
            return "PyTorch checkpoint, state dict " + where + rest;
        }

        @Override
        public void close() throws IOException {
            checkpoint.close();
        }
    }
}
