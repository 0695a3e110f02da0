package org.raylens.overlays.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

class ColorbarOverlayTest {

    @Test
    void showsTheLayersCurrentRangeOnlyWhileItIsVisible() {
        MapGeometry geometry = MapGeometry.identity(28, 28, 14);
        HeatmapLayer layer = new HeatmapLayer("Rollout", new PatchMap("rollout", "", 2, 2, 1,
                new float[] {0, 0.5f, 1, 2}, geometry, ""));
        ColorbarOverlay overlay = new ColorbarOverlay(layer);
        TextCanvas g = new TextCanvas();
        overlay.paint(g, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(g.texts.contains("Rollout"), g.texts.toString());
        assertTrue(g.texts.contains("0") && g.texts.contains("2.0"), g.texts.toString());
        assertEquals(1, g.rasters);
        layer.setRange(-1, 1);
        g.texts.clear();
        overlay.paint(g, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(g.texts.contains("-1.0") && g.texts.contains("1.0"), g.texts.toString());
        layer.setVisible(false);
        g.texts.clear();
        overlay.paint(g, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(g.texts.isEmpty());
    }

    private static final class TextCanvas implements OverlayCanvas {
        final List<String> texts = new ArrayList<>();
        int rasters;

        @Override public double width() { return 800; }
        @Override public double height() { return 600; }
        @Override public void setStrokeColor(int argb) { }
        @Override public void setFillColor(int argb) { }
        @Override public void setLineWidth(double width) { }
        @Override public void setFontSize(double size) { }
        @Override public void strokeLine(double x1, double y1, double x2, double y2) { }
        @Override public void fillRect(double x, double y, double w, double h) { }
        @Override public void strokeRect(double x, double y, double w, double h) { }
        @Override public void fillText(String text, double x, double y, TextAlign align) { texts.add(text); }
        @Override public void drawArgb(int[] argb, int rw, int rh, double x, double y, double w, double h) { rasters++; }
    }
}
