package org.raylens.overlays.annotation;

import org.raylens.overlays.layer.CapturingCanvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.annotation.Corner;
import org.raylens.viewer.annotation.CornerField;
import org.raylens.viewer.annotation.CornerText;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.SpacingSource;

/** Corner text, orientation letters and measurements as painted through the one OverlayCanvas path. */
class AnnotationLayersTest {

    private static final CornerText TEXT = new CornerText(Map.of(
            Corner.TOP_LEFT, List.of(new CornerText.Line(CornerField.PATIENT_NAME, "Doe, Jane"),
                    new CornerText.Line(CornerField.PATIENT_ID, "ID 42")),
            Corner.TOP_RIGHT, List.of(new CornerText.Line(CornerField.MODALITY_AND_VIEW, "DX PA"))));

    @Test
    void cornerTextIsLeftOutOfExportsUnlessAskedAndThenDeidentified() {
        CornerTextLayer layer = new CornerTextLayer(() -> TEXT);
        CapturingCanvas screen = new CapturingCanvas(400, 300);
        layer.paint(screen, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(screen.texts.contains("Doe, Jane"), screen.texts.toString());

        CapturingCanvas export = new CapturingCanvas(400, 300);
        layer.forExport(false).paint(export, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(export.texts.isEmpty(), "not burnt into an export by default");

        layer.setIncludedInExports(true);
        CapturingCanvas deidentified = new CapturingCanvas(400, 300);
        layer.forExport(false).paint(deidentified, ViewTransform.zoomPan(1, 0, 0));
        assertFalse(deidentified.texts.contains("Doe, Jane"));
        assertFalse(deidentified.texts.contains("ID 42"));
        assertTrue(deidentified.texts.contains("DX PA"));

        CapturingCanvas identified = new CapturingCanvas(400, 300);
        layer.forExport(true).paint(identified, ViewTransform.zoomPan(1, 0, 0));
        assertTrue(identified.texts.contains("Doe, Jane"));
    }

    @Test
    void orientationLettersFollowTheViewAndTheMarkerShowsTheSide() {
        OrientationLayer layer = new OrientationLayer(() -> Optional.of(new PatientOrientation("L", "F")),
                () -> Optional.of("L"));
        CapturingCanvas g = new CapturingCanvas(400, 300);
        layer.paint(g, ViewTransform.zoomPan(1, 0, 0));
        // each letter is drawn twice (shadow, then text): left, right, top, bottom, then the marker
        assertEquals(List.of("R", "R", "L", "L", "H", "H", "F", "F", "L", "L"), g.texts);
        CapturingCanvas mirrored = new CapturingCanvas(400, 300);
        layer.paint(mirrored, new ViewTransform(-1, 0, 400, 0, 1, 0));
        assertEquals(List.of("L", "L", "R", "R"), mirrored.texts.subList(0, 4));
    }

    @Test
    void distanceLabelSaysMillimetresAndWhereTheyComeFrom() {
        ImageMeasurements store = new ImageMeasurements();
        CalibratedSpacing spacing = new CalibratedSpacing(0.4, 0.4, SpacingSource.IMAGER_PIXEL_SPACING, null);
        MeasurementLayer layer = new MeasurementLayer(store, () -> null, () -> spacing, List::of);
        Measurement.Distance d = new Measurement.Distance(10, 20, 310, 420);
        assertEquals(List.of("200.0 mm (Imager Pixel Spacing, at detector)"), layer.describe(d));
        store.add(d);
        CapturingCanvas g = new CapturingCanvas(800, 600);
        ViewTransform view = ViewTransform.zoomPan(2, 0, 0);
        layer.paint(g, view);
        assertTrue(g.texts.contains("200.0 mm (Imager Pixel Spacing, at detector)"));
        // the line is drawn between the view positions of its source end points
        double[] first = g.lines.get(0);
        assertEquals(20, first[0], 1e-9);
        assertEquals(40, first[1], 1e-9);
        assertEquals(620, first[2], 1e-9);
        assertEquals(840, first[3], 1e-9);
    }

    @Test
    void roiLabelCarriesImageAndVisibleHeatmapStatistics() {
        ImageMeasurements store = new ImageMeasurements();
        DisplayableImage image = new RampImage(8, 8);
        HeatmapLayer map = new HeatmapLayer("Attention", new PatchMap("attention", "t", 2, 2, 1,
                new float[] {1, 2, 3, 4}, MapGeometry.identity(8, 8, 4), "t"));
        map.setShowPatchCells(true);
        MeasurementLayer layer = new MeasurementLayer(store, () -> image, () -> CalibratedSpacing.NONE,
                () -> List.of(map));
        Roi roi = new Roi.Rectangle(0, 0, 4, 8);
        // image v = x over the left half: mean 1.5, sample SD over 8 of each of 0,1,2,3 = sqrt(40/31)
        List<String> lines = layer.describe(roi);
        assertEquals("Area 32.0 px\u00b2", lines.get(0));
        assertEquals("Image: mean 1.50 SD " + MeasurementText.number(Math.sqrt(40.0 / 31)) + " min 0 max 3.00",
                lines.get(1));
        assertEquals("Attention: mean 2.00 SD " + MeasurementText.number(Math.sqrt(16.0 * 2 / 31))
                + " min 1.00 max 3.00; 40.0% of its mass", lines.get(2));
        map.setVisible(false);
        assertEquals(2, layer.describe(roi).size(), "a hidden map gets no statistics");
    }

    /** Modality value = column index. */
    private record RampImage(int width, int height) implements DisplayableImage {
        @Override public boolean isColor() { return false; }
        @Override public double modalityValue(int x, int y) { return x; }
        @Override public String modalityUnit() { return ""; }
        @Override public double minModalityValue() { return 0; }
        @Override public double maxModalityValue() { return width - 1; }
        @Override public VoiWindow defaultWindow() { return VoiWindow.linear(width / 2.0, width, "ramp"); }
        @Override public List<VoiWindow> presets() { return List.of(); }
        @Override public double[] pixelSpacingMm() { return null; }
        @Override public void render(VoiWindow w, boolean invert, ViewTransform v, int[] dst, int dw, int dh,
                int background) {
            java.util.Arrays.fill(dst, background);
        }
    }
}
