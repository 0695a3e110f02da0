package org.raylens.app.analysis;

import java.util.Optional;

/**
 * What one run of encoder (and adapter) over one image produced: the attention maps, the scores when an adapter
 * ran, who produced them (model name, weights SHA-256, preprocessing) and whether it was the demo encoder, whose
 * results must always carry the {@link DemoEncoder#BADGE}.
 */
public record AnalysisResult(AttentionMaps attention, Optional<Scores> scores, String modelName,
        String weightsSha256, String preprocessing, boolean demo) {

    /** One line for figure footers and CSV headers. */
    public String provenance() {
        return modelName + " (weights sha256 " + weightsSha256 + "); " + preprocessing
                + (demo ? "; " + DemoEncoder.BADGE : "");
    }
}
