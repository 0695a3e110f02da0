package org.raylens.app.cli;

import org.raylens.core.result.PatchMap;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explanation;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.TraceNeeds;

/**
 * A method registered from test code alone (META-INF/services in the test resources): the L2 norm of each patch
 * token. It shows that a new explanation method needs no change to the command line or the registry.
 */
public final class ToyExplainer implements Explainer {
    @Override
    public String name() {
        return "toy-norm";
    }

    @Override
    public String displayName() {
        return "Patch token norm (test)";
    }

    @Override
    public TraceNeeds needs(ExplainRequest request) {
        return TraceNeeds.tokens();
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request) {
        var layout = trace.layout();
        float[] tokens = trace.output().patchTokens(0);
        int d = layout.dim();
        float[] map = new float[layout.rows() * layout.cols()];
        for (int t = 0; t < map.length; t++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += (double) tokens[t * d + c] * tokens[t * d + c];
            }
            map[t] = (float) Math.sqrt(s);
        }
        return Explanation.of(new PatchMap(name(), "L2 norm of each patch token", layout.rows(), layout.cols(), 1, map,
                trace.input().geometry(), "toy; preprocessing: " + trace.input().preprocessing()));
    }
}
