package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.head.TokenHead;

import java.util.List;
import java.util.Optional;

/**
 * The base of the methods that explain a head's output by forwards of perturbed inputs alone (occlusion, RISE): they
 * need nothing of the trace but its input and its model's forwards, so they work for every encoder family, with or
 * without attentions and gradients. One set of forwards gives the maps of every class asked for
 * ({@link #explainEach}).
 */
public abstract class PerturbationExplainer implements Explainer {

    /** One map per output of {@code head}, from one set of perturbed forwards. */
    public abstract List<PatchMap> explainEach(ForwardTrace trace, TokenHead head, List<Integer> outputs,
                                               MethodParameters parameters, Progress progress, CancellationToken cancel);

    @Override
    public TraceNeeds needs(ExplainRequest request) {
        return TraceNeeds.tokens();
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
        return explain(trace, request, Progress.NONE, CancellationToken.NONE);
    }

    @Override
    public Explanation explain(ForwardTrace trace, ExplainRequest request, Progress progress, CancellationToken cancel) {
        if (request.head() == null) {
            throw new IllegalArgumentException(displayName() + " needs a head to explain (an adapter or a linear head)");
        }
        return Explanation.of(explainEach(trace, request.head(), List.of(request.output()), request.parameters(),
                progress, cancel).get(0));
    }

    /** The geometry of a map on a grid of {@code cell}-pixel cells over the part of the input the model sees. */
    static MapGeometry cells(MapGeometry g, int cell) {
        int seenH = g.rows() * g.patchSize();
        int seenW = g.cols() * g.patchSize();
        return new MapGeometry(g.sourceWidth(), g.sourceHeight(), g.resizedWidth(), g.resizedHeight(), g.cropLeft(),
                g.cropTop(), g.inputWidth(), g.inputHeight(), cell, seenH / cell, seenW / cell);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
