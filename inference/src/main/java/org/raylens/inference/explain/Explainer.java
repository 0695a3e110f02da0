package org.raylens.inference.explain;

import java.util.List;
import java.util.Optional;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * One explanation method, as the command line's {@code --method} and the window name it. A method says what it needs
 * from the one forward pass ({@link TraceNeeds}) and reads its map from the resulting {@link ForwardTrace}, so
 * several methods on one image share a single encoder pass. The built-in methods are listed by {@link Explainers};
 * more are found with {@link java.util.ServiceLoader} (a {@code META-INF/services/org.raylens.inference.explain.Explainer}
 * file), so a new method is one class and one line.
 */
public interface Explainer {
    /** The stable lower-case name, e.g. "rollout" (the command line's {@code --method} value). */
    String name();

    /** What a reader sees, e.g. "Attention rollout". */
    String displayName();

    /** What the forward pass must keep for {@code request}. */
    TraceNeeds needs(ExplainRequest request);

    /** The map, read from a trace recorded with (at least) {@link #needs}. */
    Explanation explain(ForwardTrace trace, ExplainRequest request);

    /** As {@link #explain(ForwardTrace, ExplainRequest)}, for methods that run many passes (occlusion, RISE). */
    default Explanation explain(ForwardTrace trace, ExplainRequest request, Progress progress, CancellationToken cancel) {
        return explain(trace, request);
    }

    /** The parameters the method reads from {@link ExplainRequest#parameters()}, for help texts and typo checks. */
    default List<MethodParameters.Spec> parameters() {
        return List.of();
    }

    /** True when the method explains a head's output (the request must carry a head). */
    default boolean needsHead() {
        return false;
    }

    /** True when the method maps one source-image point (the request must carry one). */
    default boolean needsPoint() {
        return false;
    }

    /**
     * How a viewer shows the map: true for one channel through a colormap (with a colorbar and a threshold), false
     * for a three-channel map shown as colour (PCA).
     */
    default boolean scalar() {
        return true;
    }

    /**
     * The colormap a viewer starts this method's maps with, or empty for the user's default. Grad-CAM keeps the jet
     * colouring its readers know.
     */
    default Optional<String> defaultColormap() {
        return Optional.empty();
    }
}
