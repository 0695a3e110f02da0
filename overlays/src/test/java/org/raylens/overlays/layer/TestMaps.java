package org.raylens.overlays.layer;

import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;

/** Synthetic maps on a non-square source, with geometry worked out by hand. */
final class TestMaps {
    private TestMaps() {}

    /**
     * A 600 × 400 source resized (short side to 42) to 63 × 42, centre-cropped to 42 × 42 at x = 10, cut into a
     * 3 × 3 grid of 14-pixel patches. Source x = (input x + 10) · 600 / 63; source y = input y · 400 / 42. The
     * model saw source x in [95.24, 495.24) and all of y.
     */
    static MapGeometry wideGeometry() {
        return new MapGeometry(600, 400, 63, 42, 10, 0, 42, 42, 14, 3, 3);
    }

    /** Zero everywhere except 1 at (row, col). */
    static PatchMap onePatch(int row, int col) {
        float[] v = new float[9];
        v[row * 3 + col] = 1;
        return new PatchMap("attention", "test", 3, 3, 1, v, wideGeometry(), "test");
    }

    /** Source x of the centre of patch column c. */
    static double centreX(int c) {
        return (14 * c + 7 + 10) * 600 / 63.0;
    }

    /** Source y of the centre of patch row r. */
    static double centreY(int r) {
        return (14 * r + 7) * 400 / 42.0;
    }
}
