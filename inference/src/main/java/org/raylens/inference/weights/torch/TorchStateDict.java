package org.raylens.inference.weights.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The name → tensor dictionary of a checkpoint, with the same reading surface as
 * {@link org.raylens.inference.weights.SafetensorsReader} ({@link #names()}, {@link #info}, {@link #readFloats}), so
 * a loader can take weights from either. {@link #source()} says where in the checkpoint it was found ("model",
 * "state_dict.module", or "" for a bare state dict). Values are read from the checkpoint on demand; the
 * dictionary is valid while its {@link TorchCheckpoint} is open.
 */
public final class TorchStateDict {
    private final Path file;
    private final String source;
    private final Map<String, TorchTensorView> views;
    private final Map<String, TorchTensorInfo> infos;
    private final List<String> skipped;
    private final TensorReader reader;

    TorchStateDict(Path file, String source, Map<String, TorchTensorView> views, Map<String, TorchTensorInfo> infos,
                   List<String> skipped, TensorReader reader) {
        this.file = file;
        this.source = source;
        this.views = views;
        this.infos = Collections.unmodifiableMap(infos);
        this.skipped = List.copyOf(skipped);
        this.reader = reader;
    }

    public Path file() {
        return file;
    }

    /** The dotted key path of this dictionary in the checkpoint: "model", "model_ema", "" for the root, etc. */
    public String source() {
        return source;
    }

    /** Tensor names in the checkpoint's order. */
    public Set<String> names() {
        return infos.keySet();
    }

    public Map<String, TorchTensorInfo> tensors() {
        return infos;
    }

    /** Entries of the dictionary that are not tensors (plain numbers, strings, nested dicts), left out of it. */
    public List<String> skippedEntries() {
        return skipped;
    }

    public TorchTensorInfo info(String name) throws TorchCheckpointException {
        TorchTensorInfo t = infos.get(name);
        if (t == null) {
            throw new TorchCheckpointException.NoStateDict(file, "no tensor named '" + name + "' in '" + source + "'");
        }
        return t;
    }

    /** The tensor as float32 in C order (F32/F16/BF16/F64), every value checked finite. */
    public float[] readFloats(String name) throws IOException {
        info(name);
        return reader.readFloats(name, views.get(name));
    }

    /** An integer or bool tensor (I64/I32/I16/I8/U8/BOOL) as long values in C order. */
    public long[] readLongs(String name) throws IOException {
        info(name);
        return reader.readLongs(name, views.get(name));
    }

    /** Whether two tensors share one storage (tied weights, buffers registered in several modules). */
    public boolean sharesStorage(String a, String b) throws TorchCheckpointException {
        return info(a).storageKey().equals(info(b).storageKey());
    }
}
