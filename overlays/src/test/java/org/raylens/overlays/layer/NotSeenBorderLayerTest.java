package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.overlays.export.Graphics2DCanvas;
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

    @Test
    void theLabelNeverSitsUnderTheDemoBadge() throws Exception {
        // A tall image centre-cropped: the unseen strips are at the top and bottom, the top one where the badge goes.
        MapGeometry tall = new MapGeometry(200, 400, 224, 448, 0, 112, 224, 224, 14, 16, 16);
        NotSeenBorderLayer layer = new NotSeenBorderLayer(tall);
        for (double zoom : new double[] {1, 1.3, 2, 3}) {
            ViewTransform view = ViewTransform.zoomPan(zoom, 0, 0);
            int w = (int) Math.ceil(200 * zoom);
            int h = (int) Math.ceil(400 * zoom);
            CapturingCanvas estimate = new CapturingCanvas(w, h);
            assertApart(layer.labelBounds(estimate, view), DemoBadgeLayer.bounds(estimate), "zoom " + zoom);
            // As a figure panel paints it: Java2D with real font metrics, on a canvas the panel's size.
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g2 = img.createGraphics();
            Graphics2DCanvas panel = new Graphics2DCanvas(g2, w, h, 1);
            assertApart(layer.labelBounds(panel, view), DemoBadgeLayer.bounds(panel), "panel, zoom " + zoom);
            if (zoom == 1.3 && System.getProperty("raylens.screenshots") != null) {
                panel.setFillColor(0xFF404040);
                panel.fillRect(0, 0, w, h);
                layer.paint(panel, view);
                new DemoBadgeLayer(true).paint(panel, view);
                ImageIO.write(img, "png", new File("/tmp/h4-notseen-vs-badge.png"));
            }
            g2.dispose();
        }
    }

    private static void assertApart(double[] label, double[] badge, String where) {
        assertNotNull(label, where + ": the label has room below the badge");
        boolean overlap = label[0] < badge[0] + badge[2] && badge[0] < label[0] + label[2]
                && label[1] < badge[1] + badge[3] && badge[1] < label[1] + label[3];
        assertFalse(overlap, where + ": label " + Arrays.toString(label) + " under badge " + Arrays.toString(badge));
    }

    private static boolean contains(double[] r, double x, double y) {
        return x >= r[0] - 1e-9 && y >= r[1] - 1e-9 && x <= r[0] + r[2] + 1e-9 && y <= r[1] + r[3] + 1e-9;
    }
}
