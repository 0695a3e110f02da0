package org.raylens.app.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.raylens.inference.explain.Explanation;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.head.TokenHead;

/**
 * What one run of encoder (and adapter) over one image produced: the attention of every kept layer, the map of each
 * explainer the Analyse ran ({@code maps}, by explainer name in registry order: attention, rollout, PCA and any
 * registered from outside), the scores when an adapter ran, who produced them (model name, weights SHA-256, preprocessing) and whether
 * it was the demo encoder, whose results must always carry the {@link DemoEncoder#BADGE}. The model input and the
 * head are kept (the adapters named in {@code adapters}, empty when none ran; {@code mask} is the segmentation
 * adapter's first output on the source image) so Grad-CAM for another label can be computed without preprocessing again.
 * {@code unavailable} names every registered method the model cannot give (no attention maps, no gradients) with the
 * reason, which the window shows on those methods' greyed-out rows; {@code attention} is then empty too.
 */
public record AnalysisResult(AttentionByLayer attention, Map<String, Explanation> maps,
        Optional<AdapterScores> scores, Optional<TokenHead> head, ExplainInput input, String modelName,
        String weightsSha256, String preprocessing, boolean demo, Optional<MaskMap> mask, String adapters,
        Map<String, String> unavailable) {

    public AnalysisResult {
        maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
        unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }

    /** Why the model cannot give the method named {@code method}; empty when it can. */
    public Optional<String> unavailable(String method) {
        return Optional.ofNullable(unavailable.get(method));
    }

    /** The map of the explainer named {@code method}, if the Analyse ran it. */
    public Optional<PatchMap> map(String method) {
        return Optional.ofNullable(maps.get(method)).map(Explanation::map);
    }

    /** One line for figure footers and CSV headers. */
    public String provenance() {
        return modelName + " (weights sha256 " + weightsSha256 + "); " + preprocessing
                + (adapters.isEmpty() ? "" : "; " + adapters)
                + (demo ? "; " + DemoEncoder.BADGE : "");
    }
}
