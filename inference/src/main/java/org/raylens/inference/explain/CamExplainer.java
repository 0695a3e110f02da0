package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;

import java.util.List;
import java.util.Optional;

/**
 * The Grad-CAM family as explainers (pytorch-grad-cam's BaseCAM): the trace keeps the family's gradient tail, and
 * {@link CamPipeline} runs target → backward → weights → map from it. A CAM method only says how it weighs the
 * channels ({@link #weighting}).
 */
public abstract class CamExplainer implements Explainer {

    /** The method's channel weights: the one thing CAM methods differ in. */
    protected abstract CamWeighting weighting();

    @Override
    public String name() {
        return weighting().name();
    }

    @Override
    public TraceNeeds needs(ExplainRequest request) {
        return TraceNeeds.tokens().withCamInput();
    }

    @Override
    public boolean needsHead() {
        return true;
    }

    @Override
    public Optional<String> defaultColormap() {
        return Optional.of("jet");
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request) {
        if (request.head() == null) {
            throw new IllegalArgumentException(displayName() + " needs a head to explain (an adapter or a linear head)");
        }
        return Explanation.of(new CamPipeline(request.camLayer(), weighting())
                .explainEach(trace, request.head(), List.of(request.output()), CancellationToken.NONE).get(0));
    }

    /** Grad-CAM: mean gradient per channel. */
    public static final class GradCam extends CamExplainer {
        @Override
        protected CamWeighting weighting() {
            return CamWeighting.GRAD_CAM;
        }

        @Override
        public String displayName() {
            return "Grad-CAM";
        }
    }

    /** Grad-CAM++: pytorch-grad-cam's α-weighted positive gradients. */
    public static final class GradCamPlusPlus extends CamExplainer {
        @Override
        protected CamWeighting weighting() {
            return CamWeighting.GRAD_CAM_PLUS_PLUS;
        }

        @Override
        public String displayName() {
            return "Grad-CAM++";
        }
    }
}
