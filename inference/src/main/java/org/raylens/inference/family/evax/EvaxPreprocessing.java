package org.raylens.inference.family.evax;

import org.raylens.inference.model.PreprocessorConfig;

/** EVA-X's evaluation preprocessing (classification/utils/datasets.py): the default when a folder names none. */
final class EvaxPreprocessing {
    /** The grey-level mean and std of EVA-X's pretraining chest X-rays, on each channel. */
    static final float MEAN = 0.49185243f;
    static final float STD = 0.28509309f;

    private EvaxPreprocessing() {
    }

    /** Bicubic resize of the short side to 256, centre crop 224, /255, (x − mean)/std on each channel. */
    static PreprocessorConfig authors() {
        float[] mean = {MEAN, MEAN, MEAN};
        float[] std = {STD, STD, STD};
        return new PreprocessorConfig(true, true, 256, PreprocessorConfig.PIL_BICUBIC, true, 224, 224, true,
                1.0 / 255, true, mean, std);
    }
}
