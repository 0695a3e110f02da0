package org.raylens.inference.preprocess;

import org.junit.jupiter.api.Test;
import org.raylens.inference.model.PreprocessorConfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessSyntheticTest {
    private static GreyImage8 ramp(int w, int h) {
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (byte) ((x * 7 + y * 3) & 0xff);
            }
        }
        return new GreyImage8(w, h, p);
    }

    @Test
    void shortestEdgeAndFloorCentreCrop() {
        BitImageProcessor proc = new BitImageProcessor(PreprocessorConfig.radDino());
        // 700 wide, 600 high: height → 518, width → int(518·700/600) = 604; crop left = (604 − 518) // 2 = 43
        GreyImage8 out = proc.resizeAndCrop(ramp(700, 600));
        assertEquals(518, out.width());
        assertEquals(518, out.height());
        ModelInput in = proc.process(ramp(300, 999), "ramp");
        assertArrayEquals(new long[]{1, 3, 518, 518}, in.tensor().shape());
        assertTrue(in.provenance().contains("ramp") && in.provenance().contains("shortest_edge=518"));
    }

    @Test
    void anUnchangedSizeIsAnExactCopyAndConstantsStayConstant() {
        GreyImage8 img = ramp(40, 30);
        assertArrayEquals(img.pixels(), PilBicubicResampler.resize(img, 40, 30).pixels());
        GreyImage8 flat = new GreyImage8(50, 20, new byte[1000]);
        java.util.Arrays.fill(flat.pixels(), (byte) 200);
        for (byte b : PilBicubicResampler.resize(flat, 17, 33).pixels()) {
            assertEquals(200, b & 0xff, "normalised weights keep a constant image constant");
        }
    }

    @Test
    void normalisationFollowsTheU8ValuesExactly() {
        GreyImage8 img = new GreyImage8(518, 518, new byte[518 * 518]);
        img.pixels()[0] = (byte) 255;
        ModelInput in = new BitImageProcessor(PreprocessorConfig.radDino()).process(img, "t");
        assertEquals((255 * (float) (1.0 / 255) - 0.5307f) / 0.2583f, in.tensor().data()[0]);
        assertEquals((0f - 0.5307f) / 0.2583f, in.tensor().data()[1]);
        assertEquals(in.tensor().data()[0], in.tensor().data()[518 * 518], "grey → RGB: equal channels");
    }

    @Test
    void minMaxRecipeScalesAndInvertsMonochrome1() {
        float[] v = {-1000, 0, 1000, 3000};
        MinMaxRecipe r = new MinMaxRecipe();
        GreyImage8 m2 = r.apply(new GreyModalityImage(v, 2, 2, false));
        assertArrayEquals(new byte[]{0, (byte) 64, (byte) 128, (byte) 255}, m2.pixels());
        GreyImage8 m1 = r.apply(new GreyModalityImage(v, 2, 2, true));
        assertArrayEquals(new byte[]{(byte) 255, (byte) 191, (byte) 128, 0}, m1.pixels()); // 127.5 rounds up
        assertArrayEquals(new byte[4], r.apply(new GreyModalityImage(new float[]{5, 5, 5, 5}, 2, 2, false)).pixels());
        assertTrue(r.description().contains("MONOCHROME1 inverted"));
    }

    @Test
    void asDisplayedUsesTheDicomLinearWindow() {
        AsDisplayedRecipe r = new AsDisplayedRecipe(40, 400);
        float[] v = {-500, -160, 40, 239, 240, 1000};
        GreyImage8 g = r.apply(new GreyModalityImage(v, 6, 1, false));
        assertEquals(0, g.pixels()[0] & 0xff);
        assertEquals(0, g.pixels()[1] & 0xff);
        assertEquals(128, g.pixels()[2] & 0xff); // ((40 − 39.5)/399 + 0.5)·255 = 127.82 → 128
        assertEquals(255, g.pixels()[4] & 0xff);
        assertEquals(255, g.pixels()[5] & 0xff);
        assertEquals(255 - 128, r.apply(new GreyModalityImage(v, 6, 1, true)).pixels()[2] & 0xff);
        assertTrue(r.description().contains("C=40 W=400"), r.description());
        assertThrows(IllegalArgumentException.class, () -> new AsDisplayedRecipe(0, 0.5));
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GreyImage8(2, 2, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new GreyModalityImage(new float[3], 2, 2, false));
        assertThrows(IllegalArgumentException.class, () -> BitImageProcessor.centreCrop(ramp(10, 10), 11, 5));
    }
}
