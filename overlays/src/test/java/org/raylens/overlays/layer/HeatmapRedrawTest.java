package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.raylens.core.result.PatchMap;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.image.ViewTransform;

/** What the redraw caches (range, colour table, view raster) must never show a stale state. */
class HeatmapRedrawTest {

    private static final ViewTransform IDENTITY = ViewTransform.zoomPan(1, 0, 0);

    private static int[] paint(HeatmapLayer layer, ViewTransform view, int w, int h) {
        CapturingCanvas g = new CapturingCanvas(w, h);
        layer.paint(g, view);
        return g.onlyRaster().argb();
    }

    /** A fresh layer with the same map and settings: nothing cached from earlier paints. */
    private static HeatmapLayer fresh(PatchMap map, Colormap colormap, double threshold, double opacity) {
        HeatmapLayer l = new HeatmapLayer("fresh", map);
        l.setColormap(colormap);
        l.setThreshold(threshold);
        l.setOpacity(opacity);
        return l;
    }

    @Test
    void repaintsAfterEveryChangeEqualAFreshLayersPaint() {
        PatchMap map = TestMaps.onePatch(1, 1);
        HeatmapLayer layer = new HeatmapLayer("attention", map);
        paint(layer, IDENTITY, 600, 400); // warms the caches with the defaults
        layer.setThreshold(0.3);
        assertArrayEquals(paint(fresh(map, Colormap.VIRIDIS, 0.3, 1), IDENTITY, 600, 400),
                paint(layer, IDENTITY, 600, 400), "threshold change");
        layer.setColormap(Colormap.INFERNO);
        assertArrayEquals(paint(fresh(map, Colormap.INFERNO, 0.3, 1), IDENTITY, 600, 400),
                paint(layer, IDENTITY, 600, 400), "colormap change");
        layer.setOpacity(0.4);
        assertArrayEquals(paint(fresh(map, Colormap.INFERNO, 0.3, 0.4), IDENTITY, 600, 400),
                paint(layer, IDENTITY, 600, 400), "opacity change");
        // a pan moves the unseen strip: the reused raster must not keep colour where the view is now transparent
        ViewTransform panned = ViewTransform.zoomPan(1, -150, 0);
        assertArrayEquals(paint(fresh(map, Colormap.INFERNO, 0.3, 0.4), panned, 600, 400),
                paint(layer, panned, 600, 400), "pan");
        int[] afterPan = paint(layer, panned, 600, 400);
        assertEquals(0, afterPan[200 * 600 + 10], "left of the image after the pan");
    }

    @Test
    void automaticRangeFollowsANewMapAndAFixedOneStays() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(0, 0));
        assertEquals(0, layer.rangeMin());
        assertEquals(1, layer.rangeMax());
        float[] v = new float[9];
        for (int i = 0; i < 9; i++) {
            v[i] = 2 + i;
        }
        PatchMap ramp = new PatchMap("attention", "ramp", 3, 3, 1, v, TestMaps.wideGeometry(), "test");
        layer.setMap(ramp);
        assertEquals(2, layer.rangeMin());
        assertEquals(10, layer.rangeMax());
        // the top of the range shows the colormap's last entry, the bottom its first
        assertEquals(Colormap.VIRIDIS.entry(Colormap.SIZE - 1), layer.colourOf(10));
        assertEquals(Colormap.VIRIDIS.entry(0), layer.colourOf(2));
        layer.setRange(0, 20);
        layer.setMap(TestMaps.onePatch(0, 0));
        assertEquals(0, layer.rangeMin());
        assertEquals(20, layer.rangeMax());
    }
}
