package org.raylens.inference.explain;

import java.util.Set;

/** The built-in explainers that read attention or tokens from the trace: attention, point, rollout and PCA. */
final class TraceExplainers {
    private TraceExplainers() {
    }

    /** CLS → patches attention of one layer. */
    static final class Attention implements Explainer {
        @Override
        public String name() {
            return "attention";
        }

        @Override
        public String displayName() {
            return "Attention (CLS)";
        }

        /** Only the CLS row of the layer: the map reads nothing else. */
        @Override
        public TraceNeeds needs(ExplainRequest request) {
            return TraceNeeds.tokens().withRows(Set.of(request.layer()), Set.of(AttentionQuery.CLS));
        }

        @Override
        public Explanation explain(ForwardTrace trace, ExplainRequest request) {
            return Explanation.of(AttentionMaps.layer(trace, request.layer()).cls(request.heads()));
        }
    }

    /** What the patch under a source-image point attends to (click-a-patch). */
    static final class Point implements Explainer {
        @Override
        public String name() {
            return "point";
        }

        @Override
        public String displayName() {
            return "Click-a-patch attention";
        }

        @Override
        public boolean needsPoint() {
            return true;
        }

        /** Only the row of the patch under the point (the whole layer when no point is given yet). */
        @Override
        public TraceNeeds needs(ExplainRequest request) {
            double[] p = request.point();
            return p == null ? TraceNeeds.tokens().withAttentions(Set.of(request.layer()))
                    : TraceNeeds.tokens().withRows(Set.of(request.layer()), Set.of(AttentionQuery.point(p[0], p[1])));
        }

        @Override
        public Explanation explain(ForwardTrace trace, ExplainRequest request) {
            double[] p = request.point();
            if (p == null) {
                throw new IllegalArgumentException("the point map needs a point (x, y in source-image pixels)");
            }
            return Explanation.of(AttentionMaps.layer(trace, request.layer()).point(request.heads(), p[0], p[1]));
        }
    }

    /** Attention rollout over all layers. */
    static final class Rollout implements Explainer {
        @Override
        public String name() {
            return "rollout";
        }

        @Override
        public String displayName() {
            return "Attention rollout";
        }

        @Override
        public TraceNeeds needs(ExplainRequest request) {
            return TraceNeeds.tokens().withRollout(request.rollout());
        }

        @Override
        public Explanation explain(ForwardTrace trace, ExplainRequest request) {
            return Explanation.of(AttentionRollout.compute(trace));
        }
    }

    /** The first three principal components of the patch tokens, as RGB. */
    static final class Pca implements Explainer {
        @Override
        public String name() {
            return "pca";
        }

        @Override
        public String displayName() {
            return "PCA of patch tokens (RGB)";
        }

        @Override
        public boolean scalar() {
            return false;
        }

        @Override
        public TraceNeeds needs(ExplainRequest request) {
            return TraceNeeds.tokens();
        }

        @Override
        public Explanation explain(ForwardTrace trace, ExplainRequest request) {
            FeaturePca.Result r = FeaturePca.compute(trace, request.mask());
            return new Explanation(r.components(), r.rgb());
        }
    }
}
