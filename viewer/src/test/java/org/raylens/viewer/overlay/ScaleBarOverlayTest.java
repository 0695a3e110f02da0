package org.raylens.viewer.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

class ScaleBarOverlayTest {

    /** Records fillRect and fillText calls; the bar is the second (non-shadow) rect. */
    private static final class Recorder implements OverlayCanvas {
        final List<double[]> rects = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        @Override public double width() { return 800; }
        @Override public double height() { return 600; }
        @Override public void setStrokeColor(int argb) { }
        @Override public void setFillColor(int argb) { }
        @Override public void setLineWidth(double width) { }
        @Override public void setFontSize(double size) { }
        @Override public void strokeLine(double x1, double y1, double x2, double y2) { }
        @Override public void fillRect(double x, double y, double w, double h) { rects.add(new double[] {x, y, w, h}); }
        @Override public void strokeRect(double x, double y, double w, double h) { }
        @Override public void fillText(String text, double x, double y, TextAlign align) { texts.add(text); }
    }

    @Test
    void barLengthInViewPixelsIsTheLabelledLengthAtTheCurrentZoom() {
        double spacing = 0.143; // mm per source pixel, a typical CR detector
        for (double zoom : new double[] {0.1, 0.27, 1, 3.7, 20}) {
            Recorder g = new Recorder();
            new ScaleBarOverlay(() -> new double[] {spacing, spacing}).paint(g, ViewTransform.zoomPan(zoom, 5, 7));
            double barPx = g.rects.get(1)[2];
            double barMm = barPx / zoom * spacing;
            assertTrue(barPx <= ScaleBarOverlay.TARGET_LENGTH_PX + 1e-9 && barPx > ScaleBarOverlay.TARGET_LENGTH_PX / 2.5,
                    "bar " + barPx + " px at zoom " + zoom);
            String label = g.texts.get(1);
            double labelled = label.endsWith(" cm") ? Double.parseDouble(label.replace(" cm", "")) * 10
                    : Double.parseDouble(label.replace(" mm", ""));
            assertEquals(labelled, barMm, 1e-9, "label " + label + " at zoom " + zoom);
        }
    }

    @Test
    void usesColumnSpacingHorizontally() {
        ViewTransform unit = ViewTransform.zoomPan(1, 0, 0);
        assertEquals(0.3, ScaleBarOverlay.mmPerViewPixelAlongX(unit, 0.1, 0.3), 1e-12);
        // A view rotated a quarter turn walks along source rows when moving along view x: row spacing applies.
        ViewTransform rotated = new ViewTransform(0, -1, 100, 1, 0, 0);
        assertEquals(0.1, ScaleBarOverlay.mmPerViewPixelAlongX(rotated, 0.1, 0.3), 1e-12);
    }

    @Test
    void roundLengthsAndLabels() {
        assertEquals(50, ScaleBarOverlay.roundLengthMm(99), 1e-12);
        assertEquals(100, ScaleBarOverlay.roundLengthMm(100), 1e-12);
        assertEquals(2, ScaleBarOverlay.roundLengthMm(4.9), 1e-12);
        assertEquals(0.5, ScaleBarOverlay.roundLengthMm(0.7), 1e-12);
        assertEquals("5 cm", ScaleBarOverlay.label(50));
        assertEquals("2 mm", ScaleBarOverlay.label(2));
        assertEquals("0.5 mm", ScaleBarOverlay.label(0.5));
    }

    @Test
    void drawsNothingWithoutPixelSpacing() {
        Recorder g = new Recorder();
        new ScaleBarOverlay(() -> null).paint(g, ViewTransform.zoomPan(1, 0, 0));
        new ScaleBarOverlay(() -> new double[] {0, 0.1}).paint(g, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(g.rects.isEmpty() && g.texts.isEmpty());
    }
}
