package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

class MaskAndMarkerLayerTest {

    /** A 40 × 20 source with a half-resolution 20 × 10 probability mask: inside is source x 10–29, y 4–11. */
    private static MaskLayer mask() {
        float[] v = new float[20 * 10];
        for (int y = 2; y < 6; y++) {
            for (int x = 5; x < 15; x++) {
                v[y * 20 + x] = 0.8f;
            }
        }
        v[0] = 0.3f;
        return MaskLayer.probability("mask", 40, 20, 20, 10, v);
    }

    @Test
    void fillCoversExactlyTheMaskAtSourceResolution() {
        MaskLayer layer = mask();
        CapturingCanvas g = new CapturingCanvas(80, 40);
        layer.paint(g, ViewTransform.zoomPan(2, 0, 0));
        CapturingCanvas.Raster r = g.onlyRaster();
        for (int j = 0; j < 40; j++) {
            for (int i = 0; i < 80; i++) {
                boolean inside = i >= 20 && i < 60 && j >= 8 && j < 24;
                assertEquals(inside, r.at(i, j) != 0, "view " + i + "," + j);
            }
        }
        assertEquals(Math.round(0.45 * 255), r.at(30, 10) >>> 24);
        assertEquals(0xFF3030, r.at(30, 10) & 0xFFFFFF);
    }

    @Test
    void fastAndGeneralPathsAgreeWithLabelAt() {
        MaskLayer layer = mask();
        ViewTransform zoomed = ViewTransform.zoomPan(2.5, 3.3, 1.1);
        ViewTransform rotated = new ViewTransform(0, 0.5, 0, -0.5, 0, 20); // 90° and 2× zoom: view 40 × 80
        for (ViewTransform view : new ViewTransform[] {zoomed, rotated}) {
            CapturingCanvas g = new CapturingCanvas(40, 80);
            layer.paint(g, view);
            CapturingCanvas.Raster r = g.onlyRaster();
            for (int j = 0; j < 80; j++) {
                for (int i = 0; i < 40; i++) {
                    int label = layer.labelAt(view.toSourceX(i + 0.5, j + 0.5), view.toSourceY(i + 0.5, j + 0.5));
                    assertEquals(label != 0, r.at(i, j) != 0, view + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void thresholdDecidesMembership() {
        MaskLayer layer = mask();
        assertEquals(0, layer.labelAt(1, 1));
        layer.setThreshold(0.25);
        assertEquals(1, layer.labelAt(1, 1));
        layer.setThreshold(0.9);
        assertEquals(0, layer.labelAt(20, 8));
    }

    @Test
    void contourIsTheBoundaryOnlyAndKeepsItsWidthAcrossZooms() {
        MaskLayer layer = mask();
        layer.setStyle(MaskLayer.Style.CONTOUR);
        layer.setContourWidth(2);
        for (double zoom : new double[] {2, 4}) {
            CapturingCanvas g = new CapturingCanvas(40 * zoom, 20 * zoom);
            layer.paint(g, ViewTransform.zoomPan(zoom, 0, 0));
            CapturingCanvas.Raster r = g.onlyRaster();
            int x0 = (int) (10 * zoom);
            int y0 = (int) (4 * zoom);
            int x1 = (int) (30 * zoom);
            int mid = (int) (8 * zoom);
            assertTrue(r.at(x0, mid) != 0 && r.at(x0 + 1, mid) != 0, "left edge, 2 px");
            assertEquals(0, r.at(x0 + 2, mid), "inside beyond the line width");
            assertEquals(0, r.at(x0 - 1, mid), "outside");
            assertTrue(r.at(x1 - 1, mid) != 0, "right edge");
            assertTrue(r.at((x0 + x1) / 2, y0) != 0, "top edge");
            assertEquals(0, r.at((x0 + x1) / 2, mid), "centre is empty");
        }
    }

    @Test
    void labelMasksUseThePalette() {
        int[] labels = {0, 1, 2, 3};
        MaskLayer layer = MaskLayer.labels("labels", 4, 1, 4, 1, labels, new int[] {0xFF0000, 0x00FF00});
        CapturingCanvas g = new CapturingCanvas(4, 1);
        layer.paint(g, ViewTransform.zoomPan(1, 0, 0));
        CapturingCanvas.Raster r = g.onlyRaster();
        assertEquals(0, r.at(0, 0));
        assertEquals(0xFF0000, r.at(1, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, r.at(2, 0) & 0xFFFFFF);
        assertEquals(0xFF0000, r.at(3, 0) & 0xFFFFFF);
    }

    @Test
    void markerSitsOnItsSourcePointAtEveryZoom() {
        PointMarkerLayer marker = new PointMarkerLayer();
        CapturingCanvas none = new CapturingCanvas(100, 100);
        marker.paint(none, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(none.lines.isEmpty());
        marker.setPoint(30, 40);
        for (double zoom : new double[] {0.5, 1, 3}) {
            CapturingCanvas g = new CapturingCanvas(200, 200);
            ViewTransform view = ViewTransform.zoomPan(zoom, 10, 20);
            marker.paint(g, view);
            double cx = (30 - 10) * zoom;
            double cy = (40 - 20) * zoom;
            // the arms: left arm ends at cx − (radius + 2)
            double[] ring = g.ovals.get(0);
            assertEquals(cx, ring[0] + ring[2] / 2, 1e-9);
            assertEquals(cy, ring[1] + ring[3] / 2, 1e-9);
            double[] left = g.lines.get(0);
            assertEquals(cy, left[1], 1e-9);
            assertEquals(cx - PointMarkerLayer.RADIUS_PX - 2, left[2], 1e-9);
        }
    }

    @Test
    void demoBadgeCannotBeFadedAndShrinksToFit() {
        DemoBadgeLayer badge = new DemoBadgeLayer(true);
        CapturingCanvas wide = new CapturingCanvas(800, 600);
        badge.paint(wide, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(wide.texts.contains(DemoBadgeLayer.TEXT));
        CapturingCanvas narrow = new CapturingCanvas(120, 100);
        badge.paint(narrow, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(narrow.texts.contains(DemoBadgeLayer.TEXT));
        assertTrue(narrow.font < DemoBadgeLayer.FONT_PX);
        badge.setActive(false);
        CapturingCanvas off = new CapturingCanvas(800, 600);
        badge.paint(off, ViewTransform.zoomPan(1, 0, 0));
        assertFalse(off.texts.contains(DemoBadgeLayer.TEXT));
    }
}
