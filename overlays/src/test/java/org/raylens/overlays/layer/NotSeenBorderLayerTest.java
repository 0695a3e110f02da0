package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.inference.explain.MapGeometry;
import org.raylens.viewer.image.ViewTransform;

class NotSeenBorderLayerTest {

    @Test
    void centreCropLeavesLeftAndRightStrips() {
        NotSeenBorderLayer layer = new NotSeenBorderLayer(TestMaps.wideGeometry());
        List<double[]> rects = layer.unseenSourceRects();
        assertEquals(2, rects.size());
        double left = 10 * 600 / 63.0;
        double right = 52 * 600 / 63.0;
        assertArrayEquals(new double[] {0, 0, left, 400}, rects.get(0), 1e-9);
        assertArrayEquals(new double[] {right, 0, 600, 400}, rects.get(1), 1e-9);
    }

    @Test
    void leftoverBelowTheLastWholePatchIsUnseen() {
        // 100 × 70 given directly; 14-pixel patches cover 98 × 70: two columns on the right were not seen.
        NotSeenBorderLayer layer = new NotSeenBorderLayer(MapGeometry.identity(100, 75, 14));
        List<double[]> rects = layer.unseenSourceRects();
        assertEquals(2, rects.size());
        assertArrayEquals(new double[] {0, 70, 100, 75}, rects.get(0), 1e-9);
        assertArrayEquals(new double[] {98, 0, 100, 70}, rects.get(1), 1e-9);
    }

    @Test
    void nothingWhenTheModelSawEverything() {
        NotSeenBorderLayer layer = new NotSeenBorderLayer(MapGeometry.identity(28, 42, 14));
        assertTrue(layer.unseenSourceRects().isEmpty());
        CapturingCanvas g = new CapturingCanvas(28, 42);
        layer.paint(g, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(g.filledRects.isEmpty());
    }

    @Test
    void viewRectanglesFollowZoomAndPanAndTheLabelIsDrawn() {
        NotSeenBorderLayer layer = new NotSeenBorderLayer(TestMaps.wideGeometry());
        ViewTransform view = ViewTransform.zoomPan(2, 50, 100);
        List<double[]> rects = layer.unseenViewRects(view);
        double left = 10 * 600 / 63.0;
        assertArrayEquals(new double[] {-100, -200, 2 * left, 800}, rects.get(0), 1e-9);
        CapturingCanvas g = new CapturingCanvas(1100, 700);
        layer.paint(g, view);
        assertEquals(2, g.filledRects.size());
        assertTrue(g.texts.contains(NotSeenBorderLayer.TEXT));
        // every hatch line lies inside one of the strips
        for (double[] line : g.lines.subList(0, g.lines.size() - 0)) {
            boolean inside = rects.stream().anyMatch(r -> contains(r, line[0], line[1]) && contains(r, line[2], line[3]));
            boolean border = line[0] == line[2] || line[1] == line[3];
            assertTrue(inside || border, "hatch outside the unseen region: " + java.util.Arrays.toString(line));
        }
    }

    private static boolean contains(double[] r, double x, double y) {
        return x >= r[0] - 1e-9 && y >= r[1] - 1e-9 && x <= r[0] + r[2] + 1e-9 && y <= r[1] + r[3] + 1e-9;
    }
}
