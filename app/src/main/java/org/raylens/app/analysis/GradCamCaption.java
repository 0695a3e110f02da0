package org.raylens.app.analysis;

import org.raylens.core.result.PatchMap;

/**
 * Puts the scores panel's number into a Grad-CAM map's caption. The CAM follows the class's logit and says so
 * ("logit 1.21536"), while the scores panel shows probabilities (0.771): printed side by side without names they
 * read as two disagreeing scores. The caption therefore names both, the probability formatted exactly as the panel
 * prints it, and every place that shows the caption (layer label, colorbar title, legend, exports) inherits it.
 */
final class GradCamCaption {
    private GradCamCaption() {}

    /** {@code map} with "; probability p" appended when the result scored {@code label}; otherwise unchanged. */
    static PatchMap withProbability(PatchMap map, AnalysisResult result, String label) {
        return result.scores().flatMap(s -> s.entry(label))
                .map(e -> new PatchMap(map.method(), map.description() + "; probability " + e.probabilityText(),
                        map.rows(), map.cols(), map.channels(), map.values(), map.geometry(), map.provenance()))
                .orElse(map);
    }
}
