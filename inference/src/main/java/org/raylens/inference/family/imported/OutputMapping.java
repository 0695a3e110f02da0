package org.raylens.inference.family.imported;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.raylens.core.result.NonFiniteOutputException;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an imported graph's raw outputs into the result a native family gives, so that PCA, patch similarity, embed
 * and retrieval run on an imported model unchanged. The tokens ({@link EncoderOutput#lastHiddenState()}) come from
 * <ul>
 *   <li>a {@code patch-tokens} output as it is (its prefix tokens first); without prefix tokens the mean patch token
 *       is put in front as the class token, because {@link TokenLayout} always starts with one;</li>
 *   <li>else a {@code feature-map} (C, h, w) as h·w patch tokens of C channels behind their mean (global average
 *       pooling) as the class token;</li>
 *   <li>else one token, the model's global feature: the {@code embedding} output, else the first {@code logits}, else
 *       the channel means of the first mask; the grid is then 0 × 0.</li>
 * </ul>
 * An {@code embedding} output of the tokens' width is the pooled feature ({@link EncoderOutput#pooled(int)}). Every
 * output also travels by name in {@link EncoderOutput#namedOutputs()}.
 */
final class OutputMapping {
    private final ImportManifest manifest;
    private final TokenLayout layout;

    OutputMapping(ImportManifest manifest) {
        this.manifest = manifest;
        this.layout = layoutOf(manifest);
    }

    TokenLayout layout() {
        return layout;
    }

    private static TokenLayout layoutOf(ImportManifest m) {
        var tokens = m.output(ModelOutput.Kind.PATCH_TOKENS);
        if (tokens.isPresent()) {
            OutputSpec t = tokens.get();
            return new TokenLayout(Math.max(t.prefixTokens() - 1, 0), t.rows(), t.cols(), t.patchSize(),
                    (int) t.output().shape()[2]);
        }
        var map = m.output(ModelOutput.Kind.FEATURE_MAP);
        if (map.isPresent()) {
            OutputSpec f = map.get();
            return new TokenLayout(0, f.rows(), f.cols(), f.patchSize(), (int) f.output().shape()[1]);
        }
        return new TokenLayout(0, 0, 0, Math.max(m.height(), m.width()), (int) global(m).output().shape()[1]);
    }

    /** The output that is the one token of a model without a spatial output. */
    private static OutputSpec global(ImportManifest m) {
        return m.output(ModelOutput.Kind.EMBEDDING).or(() -> m.output(ModelOutput.Kind.LOGITS))
                .or(() -> m.output(ModelOutput.Kind.MASK)).orElseThrow();
    }

    /**
     * Checks one run's raw outputs against the manifest and keeps the declared ones by name.
     *
     * @param batch images in this run
     * @throws OutputMismatchException when an output is missing or not of its declared shape
     */
    Map<String, FloatTensor> select(List<FloatTensor> raw, int batch) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (OutputSpec s : manifest.outputs()) {
            if (s.index() >= raw.size()) {
                throw new OutputMismatchException("the graph gives " + raw.size() + " output(s) but "
                        + manifest.file().getFileName() + " declares output \"" + s.name() + "\" at index "
                        + s.index() + ": the manifest is not this model's");
            }
            FloatTensor t = raw.get(s.index());
            long[] want = s.output().shape();
            want[0] = batch;
            if (!Arrays.equals(t.shape(), want)) {
                throw new OutputMismatchException("graph output " + s.index() + " (\"" + s.name() + "\") has shape "
                        + Arrays.toString(t.shape()) + " but " + manifest.file().getFileName() + " declares "
                        + Arrays.toString(s.output().shape()) + " per image: the manifest is not this model's");
            }
            out.put(s.name(), t);
        }
        return out;
    }

    /** The encoder output of a whole batch, from its named outputs (each (B, ...)). */
    EncoderOutput toEncoderOutput(int batch, Map<String, FloatTensor> named) {
        int n = layout.numTokens();
        int d = layout.dim();
        float[] tokens = new float[batch * n * d];
        var patch = manifest.output(ModelOutput.Kind.PATCH_TOKENS);
        var map = manifest.output(ModelOutput.Kind.FEATURE_MAP);
        if (patch.isPresent()) {
            float[] v = named.get(patch.get().name()).data();
            if (patch.get().prefixTokens() > 0) {
                System.arraycopy(v, 0, tokens, 0, tokens.length);
            } else {
                int p = layout.rows() * layout.cols();
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(v, b * p * d, tokens, (b * n + 1) * d, p * d);
                    meanToken(tokens, b * n * d, tokens, (b * n + 1) * d, p, d);
                }
            }
        } else if (map.isPresent()) {
            float[] v = named.get(map.get().name()).data();
            int p = layout.rows() * layout.cols();
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < d; c++) {
                    for (int i = 0; i < p; i++) {
                        tokens[(b * n + 1 + i) * d + c] = v[(b * d + c) * p + i];
                    }
                }
                meanToken(tokens, b * n * d, tokens, (b * n + 1) * d, p, d);
            }
        } else {
            OutputSpec g = global(manifest);
            float[] v = named.get(g.name()).data();
            if (g.kind() == ModelOutput.Kind.MASK) {
                int p = (int) (g.output().perImage() / d);
                for (int b = 0; b < batch; b++) {
                    for (int c = 0; c < d; c++) {
                        double s = 0;
                        for (int i = 0; i < p; i++) {
                            s += v[(b * d + c) * p + i];
                        }
                        tokens[b * d + c] = (float) (s / p);
                    }
                }
            } else {
                System.arraycopy(v, 0, tokens, 0, tokens.length);
            }
        }
        for (int b = 0; b < batch; b++) {
            NonFiniteOutputException.check("tokens of image " + b, tokens, b * n * d, (b + 1) * n * d);
        }
        FloatTensor pooled = null;
        var embedding = manifest.output(ModelOutput.Kind.EMBEDDING);
        if (embedding.isPresent() && n > 1 && embedding.get().output().shape()[1] == d) {
            pooled = named.get(embedding.get().name());
            NonFiniteOutputException.check("pooled features", pooled.data(), 0, pooled.data().length);
        }
        return new EncoderOutput(batch, layout, new FloatTensor(tokens, new long[]{batch, n, d}), List.of(), Map.of(),
                null, pooled, named);
    }

    /** dst[at..at+d) = the mean of the {@code count} d-wide rows of src starting at {@code from}. */
    private static void meanToken(float[] dst, int at, float[] src, int from, int count, int d) {
        for (int c = 0; c < d; c++) {
            double s = 0;
            for (int i = 0; i < count; i++) {
                s += src[from + i * d + c];
            }
            dst[at + c] = (float) (s / count);
        }
    }

    /**
     * True when the tokens are a spatial output whose class token is the mean of its grid (a feature map, or patch
     * tokens without prefix tokens): the grid is then the last thing the graph computes before any head on the
     * tokens, and a gradient there is exact (Grad-CAM's target layer, {@link ImportedGradientTail}). Patch tokens with
     * their own prefix tokens are not: the graph's class token is not a function RayLens can see of the grid.
     */
    boolean gridIsFinal() {
        return manifest.output(ModelOutput.Kind.FEATURE_MAP).isPresent()
                || manifest.output(ModelOutput.Kind.PATCH_TOKENS).map(t -> t.prefixTokens() == 0).orElse(false);
    }

    /**
     * (B, 1 + P, D): the mean of {@code patches} (B, P, D) in front as the class token, as {@link #toEncoderOutput}
     * lays a grid out; differentiable, so a gradient with respect to the patches includes the path through the mean.
     */
    static NDArray withMeanToken(NDArray patches) {
        return patches.mean(new int[]{1}, true).concat(patches, 1);
    }

    /**
     * The tokens of {@link #toEncoderOutput} as a differentiable computation on one run's raw graph outputs (the
     * same layout, built with DJL operations so a backward passes through it to the graph's input).
     *
     * @param raw   every graph output of a run of {@code batch} images, in graph order
     * @param batch images in the run
     */
    NDArray tokens(NDList raw, int batch) {
        for (OutputSpec s : manifest.outputs()) {
            long[] want = s.output().shape();
            want[0] = batch;
            if (s.index() >= raw.size() || !java.util.Arrays.equals(raw.get(s.index()).getShape().getShape(), want)) {
                throw new OutputMismatchException("graph output " + s.index() + " (\"" + s.name() + "\") is not of the"
                        + " shape " + manifest.file().getFileName() + " declares: the manifest is not this model's");
            }
        }
        int d = layout.dim();
        var patch = manifest.output(ModelOutput.Kind.PATCH_TOKENS);
        var map = manifest.output(ModelOutput.Kind.FEATURE_MAP);
        if (patch.isPresent()) {
            NDArray v = raw.get(patch.get().index());
            return patch.get().prefixTokens() > 0 ? v : withMeanToken(v);
        }
        if (map.isPresent()) {
            NDArray v = raw.get(map.get().index());
            int p = layout.rows() * layout.cols();
            return withMeanToken(v.reshape(new Shape(batch, d, p)).transpose(0, 2, 1));
        }
        OutputSpec g = global(manifest);
        NDArray v = raw.get(g.index());
        if (g.kind() == ModelOutput.Kind.MASK) {
            return v.reshape(new Shape(batch, d, -1)).mean(new int[]{2}).reshape(new Shape(batch, 1, d));
        }
        return v.reshape(new Shape(batch, 1, d));
    }

    /** True when an embedding output exists but cannot be the pooled feature (its width is not the tokens'). */
    boolean embeddingOnlyByName() {
        var e = manifest.output(ModelOutput.Kind.EMBEDDING);
        return e.isPresent() && layout.numTokens() > 1 && e.get().output().shape()[1] != layout.dim();
    }
}
