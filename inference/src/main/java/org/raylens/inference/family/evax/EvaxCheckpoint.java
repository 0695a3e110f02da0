package org.raylens.inference.family.evax;

import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.model.ClassifierLabels;
import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.model.SyntheticMarking;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An EVA-X checkpoint opened from a model folder or a single weights file and checked against the architecture:
 * its geometry (config.json when it names EVA-X, else inferred from the shapes), every key accounted for — the
 * encoder's parameters, a fine-tuned classification head, and the keys ignored with a note (RoPE buffers, which are
 * recomputed for each input size; MIM-only {@code mask_token}/{@code lm_head.*}) — and the folder's preprocessing.
 * Anything missing, unexpected or of the wrong shape is one {@link ModelLoadException} listing the keys.
 */
final class EvaxCheckpoint implements AutoCloseable {
    private final EvaxWeightsFile weights;
    private final EvaxConfig config;
    private final boolean mimNorm;
    private final List<String> notes;
    private final PreprocessorConfig preprocessor;
    private final String sha256;
    private final boolean synthetic;
    private final boolean hasHead;
    private final ClassifierLabels headLabels;

    private EvaxCheckpoint(EvaxWeightsFile weights, EvaxConfig config, boolean mimNorm, boolean hasHead,
                           ClassifierLabels headLabels, List<String> notes, PreprocessorConfig preprocessor, String sha256, boolean synthetic) {
        this.weights = weights;
        this.config = config;
        this.mimNorm = mimNorm;
        this.hasHead = hasHead;
        this.headLabels = headLabels;
        this.notes = List.copyOf(notes);
        this.preprocessor = preprocessor;
        this.sha256 = sha256;
        this.synthetic = synthetic;
    }

    static EvaxCheckpoint open(Path location, LoadOptions options, WeightsIdentity identity) throws IOException {
        boolean isFolder = Files.isDirectory(location);
        Path folder = isFolder ? location : location.toAbsolutePath().getParent();
        Path file = isFolder ? chooseWeights(location, options) : location;
        if (!EvaxWeightsFile.isTorch(file) && !EvaxWeightsFile.isSafetensors(file)) {
            throw new ModelLoadException(file, "EVA-X weights must be a .pth/.pt or .safetensors file");
        }
        EvaxWeightsFile w = EvaxWeightsFile.open(file);
        try {
            return check(folder, w, options, identity);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** The one weights file of a folder: the one named in the options, else the only .safetensors, else .pth/.pt. */
    static Path chooseWeights(Path folder, LoadOptions options) throws ModelLoadException {
        if (options.weightsFile() != null) {
            Path p = folder.resolve(options.weightsFile());
            if (!Files.isRegularFile(p)) {
                throw new ModelLoadException(folder, "weights file " + options.weightsFile() + " not found");
            }
            return p;
        }
        List<Path> safetensors;
        List<Path> torch;
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = s.filter(Files::isRegularFile).sorted().toList();
            safetensors = all.stream().filter(EvaxWeightsFile::isSafetensors).toList();
            torch = all.stream().filter(EvaxWeightsFile::isTorch).toList();
        } catch (IOException e) {
            throw new ModelLoadException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
        // safetensors first: reading it involves no pickle at all
        List<Path> pick = !safetensors.isEmpty() ? safetensors : torch;
        if (pick.isEmpty()) {
            throw new ModelLoadException(folder, "no .safetensors, .pth or .pt weights in the folder");
        }
        if (pick.size() > 1) {
            throw new ModelLoadException(folder, "several weights files " + pick.stream().map(Path::getFileName).toList()
                    + "; name one with --weights-file");
        }
        return pick.get(0);
    }

    private static EvaxCheckpoint check(Path folder, EvaxWeightsFile w, LoadOptions options, WeightsIdentity identity)
            throws IOException {
        Map<String, EvaxWeightsFile.Entry> entries = w.entries();
        List<String> notes = new ArrayList<>();
        notes.add("weights: " + w.file().getFileName() + " (" + w.describe() + ")");
        EvaxConfig config = EvaxGeometry.resolve(folder, w, entries, options, notes);
        Map<String, long[]> expected = EvaxKeys.expected(config);
        boolean mim = entries.containsKey("mask_token");
        // MIM checkpoints end in a final norm and have no fc_norm; eva_x.py loads that norm as fc_norm
        boolean mimNorm = mim && !entries.containsKey("fc_norm.weight") && entries.containsKey("norm.weight");
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String source = mimNorm && e.getKey().startsWith("fc_norm.") ? e.getKey().substring(3) : e.getKey();
            EvaxWeightsFile.Entry found = entries.get(source);
            if (found == null) {
                missing.add(source);
            } else if (!Arrays.equals(found.shape(), e.getValue())) {
                shapes.add(source + " is " + Arrays.toString(found.shape()) + ", expected " + Arrays.toString(e.getValue()));
            } else if (!found.dtype().isFloatingPoint()) {
                shapes.add(source + " is " + found.dtype() + ", expected a float type");
            }
        }
        int ropeBuffers = 0;
        List<String> mimOnly = new ArrayList<>();
        for (String k : entries.keySet()) {
            if (expected.containsKey(k) || mimNorm && (k.equals("norm.weight") || k.equals("norm.bias"))) {
                continue;
            }
            if (EvaxKeys.ROPE_BUFFER.matcher(k).matches()) {
                ropeBuffers++;
            } else if (EvaxKeys.MIM_ONLY.matcher(k).matches()) {
                mimOnly.add(k);
            } else if (!k.equals(EvaxKeys.HEAD_WEIGHT) && !k.equals(EvaxKeys.HEAD_BIAS)) {
                unexpected.add(k);
            }
        }
        boolean hasHead = checkHead(entries, config, missing, shapes);
        if (!missing.isEmpty() || !unexpected.isEmpty() || !shapes.isEmpty()) {
            throw new ModelLoadException(w.file(), "the checkpoint does not match the EVA-X architecture "
                    + config.describe(), sorted(missing), sorted(unexpected), shapes);
        }
        if (ropeBuffers > 0) {
            notes.add(ropeBuffers + " RoPE buffers (rope.freqs_cos/sin) ignored: the tables are recomputed for each"
                    + " input size");
        }
        if (!mimOnly.isEmpty()) {
            notes.add("MIM-only keys ignored: " + sorted(mimOnly));
        }
        if (mimNorm) {
            notes.add("MIM checkpoint: its final norm.* is used as fc_norm.*, as EVA-X's eva_x.py loads it");
        }
        ClassifierLabels headLabels = null;
        if (hasHead) {
            long[] hs = entries.get(EvaxKeys.HEAD_WEIGHT).shape();
            headLabels = ClassifierLabels.forHead(w.file(), folder, Math.toIntExact(hs[0]));
            notes.add("fine-tuned classification head head.weight " + Arrays.toString(hs) + " on the pooled feature:"
                    + " offered as the model's own adapter; labels: " + headLabels.source());
        }
        Path pre = folder.resolve("preprocessor_config.json");
        PreprocessorConfig preprocessor;
        if (Files.isRegularFile(pre)) {
            preprocessor = PreprocessorConfig.fromJson(pre);
            notes.add("preprocessing from " + pre.getFileName());
        } else {
            preprocessor = EvaxPreprocessing.authors();
        }
        String sha = identity == null ? null : identity.sha256(w.file());
        boolean synthetic = SyntheticMarking.isMarked(folder, w.metadata());
        if (synthetic) {
            notes.add("random weights (synthetic model): results mean nothing");
        }
        return new EvaxCheckpoint(w, config, mimNorm, hasHead, headLabels, notes, preprocessor, sha, synthetic);
    }

    /** A head needs both tensors, (K, D) and (K); either alone is an error. */
    private static boolean checkHead(Map<String, EvaxWeightsFile.Entry> entries, EvaxConfig c, List<String> missing,
                                     List<String> shapes) {
        EvaxWeightsFile.Entry w = entries.get(EvaxKeys.HEAD_WEIGHT);
        EvaxWeightsFile.Entry b = entries.get(EvaxKeys.HEAD_BIAS);
        if (w == null && b == null) {
            return false;
        }
        if (w == null || b == null) {
            missing.add(w == null ? EvaxKeys.HEAD_WEIGHT : EvaxKeys.HEAD_BIAS);
            return false;
        }
        long[] ws = w.shape();
        if (ws.length != 2 || ws[1] != c.hiddenSize() || ws[0] < 1 || !Arrays.equals(b.shape(), new long[]{ws[0]})) {
            shapes.add("head.weight " + Arrays.toString(ws) + " / head.bias " + Arrays.toString(b.shape())
                    + ", expected (K, " + c.hiddenSize() + ") and (K)");
            return false;
        }
        return true;
    }

    private static List<String> sorted(List<String> keys) {
        return List.copyOf(new TreeSet<>(keys));
    }

    EvaxConfig config() {
        return config;
    }

    /** A parameter by its EVA-X name (fc_norm.* reads a MIM checkpoint's norm.*). */
    float[] floats(String name) throws IOException {
        String source = mimNorm && name.startsWith("fc_norm.") ? name.substring(3) : name;
        return weights.floats(source);
    }

    /** The fine-tuned checkpoint's linear head on the pooled feature, with its label names; empty for MIM ones. */
    Optional<BundledHead> head() throws IOException {
        if (!hasHead) {
            return Optional.empty();
        }
        return Optional.of(new BundledHead(weights.file().getFileName() + " head", weights.floats(EvaxKeys.HEAD_WEIGHT),
                weights.floats(EvaxKeys.HEAD_BIAS), headLabels.labels(), headLabels.source()));
    }

    Path weightsFile() {
        return weights.file();
    }

    List<String> notes() {
        return notes;
    }

    PreprocessorConfig preprocessor() {
        return preprocessor;
    }

    Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    boolean synthetic() {
        return synthetic;
    }

    /** How the folder was read: "pth" or "safetensors" (the provenance's naming). */
    String format() {
        return EvaxWeightsFile.isSafetensors(weights.file()) ? "eva-x safetensors" : "eva-x pytorch checkpoint";
    }

    @Override
    public void close() throws IOException {
        weights.close();
    }
}
