package org.raylens.inference.adapter;

import org.raylens.inference.model.PreprocessorConfig;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small adapter specs for tests. */
final class TestSpecs {
    static final String SHA = "ab".repeat(32);

    private TestSpecs() {
    }

    static EncoderIdentity encoder(int d) {
        return new EncoderIdentity("ViT D=" + d + " test", d, 14, 0, SHA);
    }

    static AdapterSpec spec(AdapterType type, AdapterInput input, AdapterTask task, List<String> labels, int d) {
        int hidden = type == AdapterType.ATTENTION_POOL_MLP || type == AdapterType.SEGMENTATION_CONV ? 8 : 0;
        int heads = type == AdapterType.ATTENTION_POOL_MLP ? 2 : 0;
        return new AdapterSpec("test-" + type.jsonName(), type, input, task, labels,
                Collections.nCopies(labels.size(), 0.5), hidden, heads, encoder(d),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"),
                Optional.of(new TrainingProvenance("synthetic", "cd".repeat(32), "2026-11-23T03:00:00Z", 7, 3,
                        "AdamW(lr=0.001, wd=0.01)", Map.of("macro_auroc", 0.97))));
    }
}
