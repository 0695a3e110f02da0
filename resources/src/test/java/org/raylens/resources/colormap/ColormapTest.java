package org.raylens.resources.colormap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColormapTest {

    @Test
    void viridisEndpointsAreThePublishedColours() {
        assertEquals(0xFF440154, Colormap.VIRIDIS.entry(0));
        assertEquals(0xFFFDE725, Colormap.VIRIDIS.entry(255));
        assertEquals(0xFF440154, Colormap.VIRIDIS.argb(0));
        assertEquals(0xFFFDE725, Colormap.VIRIDIS.argb(1));
    }

    @Test
    void infernoAndMagmaRunFromNearBlackToPaleYellowOrWhite() {
        assertEquals(0xFF000004, Colormap.INFERNO.entry(0));
        assertEquals(0xFFFCFFA4, Colormap.INFERNO.entry(255));
        assertEquals(0xFF000004, Colormap.MAGMA.entry(0));
        assertEquals(0xFFFCFDBF, Colormap.MAGMA.entry(255));
    }

    /**
     * Luminance rises monotonically. Rounding to 8 bits per channel costs viridis a few ties and dips between
     * neighbouring entries (the largest, at 95 and 146, is 0.0003 of full scale, below one 8-bit step); across four
     * entries it rises strictly everywhere, and inferno, magma and grey rise strictly at every entry.
     */
    @Test
    void perceptualMapsHaveIncreasingLuminance() {
        for (Colormap c : new Colormap[] {Colormap.VIRIDIS, Colormap.INFERNO, Colormap.MAGMA, Colormap.GREY}) {
            boolean strict = c != Colormap.VIRIDIS;
            for (int i = 1; i < Colormap.SIZE; i++) {
                double step = luminance(c.entry(i)) - luminance(c.entry(i - 1));
                assertTrue(strict ? step > 0 : step > -0.0005, c + " luminance falls at " + i + " by " + step);
            }
            for (int i = 4; i < Colormap.SIZE; i += 4) {
                assertTrue(luminance(c.entry(i)) > luminance(c.entry(i - 4)), c + " not increasing at " + i);
            }
        }
    }

    @Test
    void jetFollowsItsPiecewiseLinearDefinition() {
        assertEquals(0xFF000080, Colormap.JET.entry(0));
        assertEquals(0xFF800000, Colormap.JET.entry(255));
        // t = 0.5: red 0.5, green 1, blue 0.5
        int mid = Colormap.JET.argb(0.5);
        assertEquals(255, (mid >> 8) & 0xFF);
        assertEquals(128, (mid >> 16) & 0xFF, 2);
    }

    @Test
    void greyIsTheIdentity() {
        for (int i = 0; i < Colormap.SIZE; i++) {
            assertEquals(0xFF000000 | i * 0x010101, Colormap.GREY.entry(i));
        }
    }

    @Test
    void outOfRangeAndNaNAreClamped() {
        assertEquals(Colormap.MAGMA.entry(0), Colormap.MAGMA.argb(-3));
        assertEquals(Colormap.MAGMA.entry(0), Colormap.MAGMA.argb(Double.NaN));
        assertEquals(Colormap.MAGMA.entry(255), Colormap.MAGMA.argb(7));
    }

    @Test
    void namesRoundTrip() {
        for (Colormap c : Colormap.values()) {
            assertEquals(c, Colormap.byName(c.displayName()));
        }
        assertEquals(Colormap.GREY, Colormap.byName("Gray"));
        assertThrows(IllegalArgumentException.class, () -> Colormap.byName("rainbow"));
    }

    /** Relative luminance (Rec. 709) of linearised sRGB. */
    private static double luminance(int argb) {
        return 0.2126 * linear((argb >> 16) & 0xFF) + 0.7152 * linear((argb >> 8) & 0xFF) + 0.0722 * linear(argb & 0xFF);
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
