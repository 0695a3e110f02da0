package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Grad-CAM family as explainers (pytorch-grad-cam's BaseCAM): the trace keeps the family's gradient tail, and
 * {@link CamPipeline} runs target → backward → weights → map from it. A CAM method only says how it weighs the
 * channels ({@link #weighting}); the formulas, with their sources, are on the weightings.
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
    public List<MethodParameters.Spec> parameters() {
        List<MethodParameters.Spec> all = new ArrayList<>(CamPipeline.commonParameters());
        if (weighting() instanceof ForwardCamWeighting f) {
            all.addAll(f.parameters());
        }
        return all;
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request) {
        return explain(trace, request, Progress.NONE, CancellationToken.NONE);
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request, Progress progress, CancellationToken cancel) {
        if (request.head() == null) {
            throw new IllegalArgumentException(displayName() + " needs a head to explain (an adapter or a linear head)");
        }
        return Explanation.of(new CamPipeline(request.camLayer(), weighting()).withParameters(request.parameters())
                .withProgress(progress).explainEach(trace, request.head(), List.of(request.output()), cancel).get(0));
    }

    /** The CAM methods beyond Grad-CAM and Grad-CAM++, in the registry's order. */
    static List<Explainer> more() {
        return List.of(new Simple(CamWeighting.HIRES_CAM, "HiResCAM"), new Simple(CamWeighting.XGRAD_CAM, "XGrad-CAM"),
                new Simple(CamWeighting.LAYER_CAM, "LayerCAM"), new Simple(CamWeighting.EIGEN_CAM, "EigenCAM"),
                new Simple(new ScoreCamWeighting(), "Score-CAM"), new Simple(new AblationCamWeighting(), "Ablation-CAM"));
    }

    /** A CAM method that is its weighting and a display name. */
    static final class Simple extends CamExplainer {
        private final CamWeighting weighting;
        private final String displayName;

        Simple(CamWeighting weighting, String displayName) {
            this.weighting = weighting;
            this.displayName = displayName;
        }

        @Override
        protected CamWeighting weighting() {
            return weighting;
        }

        @Override
        public String displayName() {
            return displayName;
        }
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
