package org.raylens.inference.adapter;

import org.raylens.inference.model.PreprocessorConfig;

/**
 * How images were turned into encoder input when the adapter was trained: the processor settings and the name of
 * the 8-bit recipe ({@link org.raylens.inference.preprocess.EightBitRecipe#name()}) used for DICOM modality values.
 * The same recipe must be used at inference, or the features drift.
 */
public record PreprocessingRecipe(PreprocessorConfig processor, String eightBitRecipe) {
    public PreprocessingRecipe {
        if (processor == null || eightBitRecipe == null || eightBitRecipe.isBlank()) {
            throw new IllegalArgumentException("processor and eightBitRecipe are required");
        }
    }

    /** A stable one-line key (part of the feature-cache key). */
    public String key() {
        return eightBitRecipe + "|" + processor;
    }
}
