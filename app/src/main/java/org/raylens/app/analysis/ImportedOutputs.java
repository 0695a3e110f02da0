package org.raylens.app.analysis;

import java.util.List;
import java.util.Optional;
import org.raylens.core.result.MapGeometry;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.adapter.MaskProjection;
import org.raylens.inference.adapter.Scores;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.Encoder;

/**
 * An imported model's own named outputs (its manifest's {@code logits} and {@code mask}, docs/model-format.md) as the
 * same result records an adapter gives a native family: logits become {@link AdapterScores} (the manifest's labels and
 * sigmoid/softmax, {@link Scores#fromLogits}), a mask output becomes the mask layer's {@link MaskMap}. So the scores
 * panel and the mask layer show them with no paint path of their own.
 *
 * <p>A classifier whose only output is its logits (TorchXRayVision-style) has one token, the logits themselves
 * (imported family's output mapping); {@link #logitsHead} then is the identity on that token, a head like an
 * adapter's, so the methods that explain a class (occlusion, RISE, the faithfulness metrics) score its logits.
 */
public final class ImportedOutputs {

    private ImportedOutputs() {
    }

    /** The first logits output's scores for image 0, named "{@code model} output {@code name}". */
    static Optional<AdapterScores> scores(List<ModelOutput> outputs, EncoderOutput out, String model) {
        return first(outputs, ModelOutput.Kind.LOGITS).flatMap(o -> values(out, o).map(v -> {
            Scores s = Scores.fromLogits(o, v, model + " output " + o.name());
            return new AdapterScores(sourceName(model, o), s.scores().stream()
                    .map(e -> new AdapterScores.Entry(e.label(), e.probability(), e.threshold())).toList());
        }));
    }

    /** What the scores panel names the source of imported scores: "the model's own logits (activation)". */
    static String sourceName(String model, ModelOutput o) {
        return model + " output \"" + o.name() + "\" (" + o.activation().key() + ")";
    }

    /**
     * The first mask output's first channel on the source image, through {@code geometry}'s resize and crop: its
     * (h, w) grid covers the model's whole input. Values already in 0..1 are read as probabilities, others as logits
     * (the manifest gives masks no activation); either way the grid is interpolated in logit space, as adapter masks
     * are. Empty when the grid does not divide the input evenly.
     */
    static Optional<MaskMap> mask(List<ModelOutput> outputs, EncoderOutput out, MapGeometry geometry, String model) {
        Optional<ModelOutput> spec = first(outputs, ModelOutput.Kind.MASK);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        ModelOutput o = spec.get();
        long[] shape = o.shape();
        int h = (int) shape[2];
        int w = (int) shape[3];
        int inH = geometry.inputHeight();
        int inW = geometry.inputWidth();
        if (inH % h != 0 || inW % w != 0 || inH / h != inW / w) {
            return Optional.empty();
        }
        int patch = inH / h;
        Optional<float[]> all = values(out, o);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        float[] grid = java.util.Arrays.copyOf(all.get(), h * w);
        boolean probabilities = true;
        for (float v : grid) {
            probabilities &= v >= 0 && v <= 1;
        }
        if (probabilities) {
            for (int i = 0; i < grid.length; i++) {
                double p = Math.min(1 - 1e-7, Math.max(1e-7, grid[i]));
                grid[i] = (float) Math.log(p / (1 - p));
            }
        }
        MapGeometry maskGrid = new MapGeometry(geometry.sourceWidth(), geometry.sourceHeight(),
                geometry.resizedWidth(), geometry.resizedHeight(), geometry.cropLeft(), geometry.cropTop(), inW, inH,
                patch, h, w);
        String label = o.labels().isEmpty() ? o.name() : o.labels().get(0);
        return Optional.of(new MaskMap(label, geometry.sourceWidth(), geometry.sourceHeight(),
                MaskProjection.toSource(grid, maskGrid), 0.5, model + " output " + o.name() + " channel 0 ("
                + (probabilities ? "probabilities" : "logits, sigmoid") + ")"));
    }

    /**
     * The head of a classifier whose only global output is its logits (no patch tokens, feature map or embedding):
     * its one token, hence its pooled feature, is the logits (the imported family's output mapping), so the identity
     * (K × K weights, zero bias) on it gives the model's own logits exactly, labelled as the manifest says. It is an
     * ordinary {@link BundledHead}: {@code Adapter.bundled} makes it the head that occlusion, RISE and the faithfulness
     * metrics score, in the window and in {@code raylens explain}. Empty for every other model (its logits are not a
     * function of its tokens) and for native families.
     */
    public static Optional<BundledHead> logitsHead(Encoder encoder) {
        List<ModelOutput> outputs = encoder.outputs();
        boolean tokensAreLogits = outputs.stream().noneMatch(o -> o.kind() == ModelOutput.Kind.PATCH_TOKENS
                || o.kind() == ModelOutput.Kind.FEATURE_MAP || o.kind() == ModelOutput.Kind.EMBEDDING);
        Optional<ModelOutput> logits = first(outputs, ModelOutput.Kind.LOGITS);
        if (!tokensAreLogits || logits.isEmpty() || encoder.info().hiddenSize() != logits.get().perImage()) {
            return Optional.empty();
        }
        ModelOutput o = logits.get();
        int k = (int) o.perImage();
        float[] identity = new float[k * k];
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < k; i++) {
            identity[i * k + i] = 1;
            labels.add(o.labels().isEmpty() ? "class " + i : o.labels().get(i));
        }
        return Optional.of(new BundledHead("output " + o.name(), identity, new float[k], labels,
                o.labels().isEmpty() ? "class numbers" : "the model's manifest"));
    }

    private static Optional<ModelOutput> first(List<ModelOutput> outputs, ModelOutput.Kind kind) {
        return outputs.stream().filter(o -> o.kind() == kind).findFirst();
    }

    /** Image 0's values of output {@code o}, if this forward gave it. */
    private static Optional<float[]> values(EncoderOutput out, ModelOutput o) {
        FloatTensor t = out.namedOutputs().get(o.name());
        if (t == null) {
            return Optional.empty();
        }
        int n = (int) o.perImage();
        return Optional.of(java.util.Arrays.copyOf(t.data(), n));
    }
}
