package org.raylens.inference.preprocess;

import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.inference.model.PreprocessorConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The processor's geometry agrees with the pixels it produces, for landscape, portrait and no-crop settings. */
class ResizeCropTest {
    private static GreyImage8 image(int w, int h) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        return new GreyImage8(w, h, px);
    }

    @Test
    void radDinoGeometryOfALandscapeAndAPortraitImage() {
        BitImageProcessor p = new BitImageProcessor(PreprocessorConfig.radDino());
        // 3000×2000: short side 2000 → 518, long int(518·3000/2000) = 777, crop x = (777 − 518)/2 = 129
        assertEquals(new ResizeCrop(3000, 2000, 777, 518, 129, 0, 518, 518), p.resizeCrop(3000, 2000));
        assertEquals(new ResizeCrop(2000, 3001, 518, 777, 0, 129, 518, 518), p.resizeCrop(2000, 3001));
        MapGeometry g = p.resizeCrop(3000, 2000).toMapGeometry(14);
        assertEquals(37, g.rows());
        assertEquals(37, g.cols());
        assertEquals(129 * 3000 / 777.0, g.seenSourceRect()[0], 1e-9);
    }

    @Test
    void geometryMatchesTheProcessedPixels() {
        float[] m = {0.5f, 0.5f, 0.5f};
        for (boolean crop : new boolean[]{true, false}) {
            PreprocessorConfig c = new PreprocessorConfig(true, true, 56, PreprocessorConfig.PIL_BICUBIC, crop, 56, 56,
                    true, 1 / 255.0, true, m, m);
            BitImageProcessor p = new BitImageProcessor(c);
            ModelInput in = p.process(image(90, 61), "t");
            ResizeCrop rc = in.resizeCrop();
            assertEquals(in.resized().width(), rc.inputWidth());
            assertEquals(in.resized().height(), rc.inputHeight());
            assertEquals(in.tensor().dim(3), rc.inputWidth());
            assertEquals(in.geometry(14).cols(), rc.inputWidth() / 14);
        }
        assertThrows(IllegalArgumentException.class, () -> new ResizeCrop(10, 10, 10, 10, 2, 0, 10, 10));
    }

    @Test
    void threeArgumentModelInputIsTheIdentity() {
        var t = new org.raylens.inference.encoder.FloatTensor(new float[3 * 28 * 42], new long[]{1, 3, 28, 42});
        ModelInput in = new ModelInput(t, image(42, 28), "given");
        assertEquals(MapGeometry.identity(42, 28, 14), in.geometry(14));
    }
}
