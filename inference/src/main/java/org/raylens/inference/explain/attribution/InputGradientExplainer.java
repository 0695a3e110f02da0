package org.raylens.inference.explain.attribution;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.InputGradientsUnavailableException;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explanation;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.InputGradientFunction;
import org.raylens.inference.explain.TraceNeeds;

import java.util.Locale;

/**
 * Saliency, SmoothGrad and Integrated Gradients as explainers: the trace keeps the family's gradient tail, whose
 * {@link GradientTail#inputGradients} runs the whole forward differentiably; {@link GradientAttribution} does the
 * arithmetic. The map has one cell per input pixel of the part of the input the model's patch grid sees (a
 * {@link MapGeometry} with 1-pixel "patches"), so the layer paints it at the input's own resolution.
 *
 * <p>Channels become one value per pixel as Captum's visualisations do: Saliency and SmoothGrad take the largest
 * |gradient| over the channels (Simonyan et al.), Integrated Gradients sums its signed attributions over the channels
 * so that the map's total is the attributions' total (completeness) — its convergence delta is in the description.
 */
public abstract class InputGradientExplainer implements Explainer {
    protected final AttributionOptions options;

    protected InputGradientExplainer(AttributionOptions options) {
        this.options = options;
    }

    @Override
    public TraceNeeds needs(ExplainRequest request) {
        return TraceNeeds.tokens().withInputGradients();
    }

    @Override
    public boolean needsHead() {
        return true;
    }

    /** (C, H, W) attributions of the trace's image, and the description of what was computed. */
    protected abstract Attribution attribute(GradientAttribution attribution, FloatTensor image);

    /** How channels become one value: true for the maximum, false for the sum. */
    protected abstract boolean maxOverChannels();

    protected record Attribution(float[] values, String description) {
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request) {
        if (request.head() == null) {
            throw new IllegalArgumentException(displayName() + " needs a head to explain (an adapter or a linear head)");
        }
        GradientTail tail = trace.gradientTail().orElseThrow(() -> new InputGradientsUnavailableException(null));
        GradientAttribution attribution = new GradientAttribution(
                InputGradientFunction.of(tail, request.head(), request.output()), options.batch());
        FloatTensor image = trace.input().tensor();
        Attribution a = attribute(attribution, image);
        String label = request.output() < request.head().labels().size()
                ? " (" + request.head().labels().get(request.output()) + ")" : "";
        String d = name() + " of class " + request.output() + label + "; " + a.description();
        MapGeometry g = trace.input().geometry();
        MapGeometry pixels = pixelGrid(g);
        float[] map = toPixels(a.values(), image.dim(1), image.dim(2), image.dim(3), pixels.rows(), pixels.cols(),
                maxOverChannels());
        return Explanation.of(new PatchMap(name(), d, pixels.rows(), pixels.cols(), 1, map, pixels,
                trace.provenance(d + "; head outputs " + request.head().outputs())));
    }

    /** The input pixels the patch grid covers, one cell each, placed on the source as the patch grid is. */
    public static MapGeometry pixelGrid(MapGeometry g) {
        return new MapGeometry(g.sourceWidth(), g.sourceHeight(), g.resizedWidth(), g.resizedHeight(), g.cropLeft(),
                g.cropTop(), g.inputWidth(), g.inputHeight(), 1, g.rows() * g.patchSize(), g.cols() * g.patchSize());
    }

    /** (C, H, W) values → (rows, cols) over the top-left rows × cols pixels, max or sum over channels. */
    static float[] toPixels(float[] chw, int channels, int height, int width, int rows, int cols, boolean max) {
        float[] out = new float[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                float v = max ? Float.NEGATIVE_INFINITY : 0;
                for (int c = 0; c < channels; c++) {
                    float a = chw[(c * height + y) * width + x];
                    v = max ? Math.max(v, a) : v + a;
                }
                out[y * cols + x] = v;
            }
        }
        return out;
    }

    /** Captum's Saliency: |∂f/∂x|, maximum over channels. */
    public static final class Saliency extends InputGradientExplainer {
        public Saliency(AttributionOptions options) {
            super(options);
        }

        public Saliency() {
            this(AttributionOptions.defaults());
        }

        @Override
        public String name() {
            return "saliency";
        }

        @Override
        public String displayName() {
            return "Saliency";
        }

        @Override
        protected boolean maxOverChannels() {
            return true;
        }

        @Override
        protected Attribution attribute(GradientAttribution attribution, FloatTensor image) {
            return new Attribution(attribution.saliency(image, CancellationToken.NONE), "|gradient|, max over channels");
        }
    }

    /** Captum's NoiseTunnel over Saliency (SmoothGrad): mean |∂f/∂x| over noisy copies, maximum over channels. */
    public static final class SmoothGrad extends InputGradientExplainer {
        public SmoothGrad(AttributionOptions options) {
            super(options);
        }

        public SmoothGrad() {
            this(AttributionOptions.defaults());
        }

        @Override
        public String name() {
            return "smoothgrad";
        }

        @Override
        public String displayName() {
            return "SmoothGrad";
        }

        @Override
        protected boolean maxOverChannels() {
            return true;
        }

        @Override
        protected Attribution attribute(GradientAttribution attribution, FloatTensor image) {
            return new Attribution(attribution.smoothGrad(image, options.samples(), options.sigmaFraction(),
                    options.seed(), Progress.NONE, CancellationToken.NONE),
                    "mean |gradient| over " + options.describeSmoothGrad() + ", max over channels");
        }
    }

    /** Captum's Integrated Gradients, summed over channels, with its convergence delta. */
    public static final class IntegratedGradients extends InputGradientExplainer {
        public IntegratedGradients(AttributionOptions options) {
            super(options);
        }

        public IntegratedGradients() {
            this(AttributionOptions.defaults());
        }

        @Override
        public String name() {
            return "integrated-gradients";
        }

        @Override
        public String displayName() {
            return "Integrated Gradients";
        }

        @Override
        protected boolean maxOverChannels() {
            return false;
        }

        @Override
        protected Attribution attribute(GradientAttribution attribution, FloatTensor image) {
            GradientAttribution.IntegratedGradients ig = attribution.integratedGradients(image, options.baseline(),
                    options.steps(), options.rule(), Progress.NONE, CancellationToken.NONE);
            return new Attribution(ig.attributions(), String.format(Locale.ROOT,
                    "%s; sum over channels; f(x)=%.6g f(baseline)=%.6g convergence delta=%.3g",
                    options.describeIntegratedGradients(), ig.inputScore(), ig.baselineScore(), ig.delta()));
        }
    }
}
