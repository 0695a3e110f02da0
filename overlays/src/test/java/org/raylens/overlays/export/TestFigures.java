package org.raylens.overlays.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.Legend;
import org.raylens.overlays.chart.LegendEntry;
import org.raylens.overlays.chart.ScoreRow;
import org.raylens.overlays.chart.ScoresChart;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.figure.PatientIdentity;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.overlays.layer.PointMarkerLayer;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.image.ColorImage;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;

/** A small synthetic figure (original | attention | mask) and a small source DICOM, for export tests. */
final class TestFigures {
    private TestFigures() {}

    static final String PATIENT_NAME = "Doe^Jane";
    static final String PATIENT_ID = "PID-4711";
    static final String BIRTH_DATE = "19700101";
    static final int W = 120;
    static final int H = 90;

    /** A 120 × 90 colour gradient with a bright square, so misplaced pixels show. */
    static DisplayableImage image() {
        int[] argb = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = (x * 2 + y) & 0xFF;
                boolean square = x >= 40 && x < 60 && y >= 30 && y < 50;
                argb[y * W + x] = square ? 0xFFF0F0F0 : 0xFF000000 | v << 16 | (255 - v) << 8 | (y * 2 & 0xFF);
            }
        }
        return new ColorImage(W, H, argb, new double[] {0.2, 0.2});
    }

    /** The 120 × 90 source resized to 80 × 60, centre-cropped 56 × 56 at (12, 2): a 4 × 4 grid of 14-px patches. */
    static MapGeometry geometry() {
        return new MapGeometry(W, H, 80, 60, 12, 2, 56, 56, 14, 4, 4);
    }

    static PatchMap attention() {
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i / 15f;
        }
        return new PatchMap("attention", "layer 12, mean of heads", 4, 4, 1, v, geometry(), "test");
    }

    static Provenance provenance(boolean demo) {
        return new Provenance("test/rad-dino-tiny", "ab".repeat(32), "chexpert-linear v1", "attention",
                "layer 12, mean of heads", "Cardiomegaly", "as displayed; resize 518 bicubic; crop 518", "0.1.0-test",
                Instant.parse("2026-11-23T04:00:00Z"), demo);
    }

    static Figure figure(boolean includeIdentity, boolean demo) {
        DisplayableImage image = image();
        ViewTransform view = ViewTransform.zoomPan(1.5, 0, 0); // 1.5 view pixels per source pixel: 180 × 135
        HeatmapLayer heat = new HeatmapLayer("Attention (layer 12)", attention());
        heat.setOpacity(0.6);
        PointMarkerLayer point = new PointMarkerLayer();
        point.setPoint(50, 40);
        float[] mask = new float[W * H];
        for (int y = 20; y < 70; y++) {
            for (int x = 30; x < 90; x++) {
                mask[y * W + x] = 0.9f;
            }
        }
        MaskLayer maskLayer = MaskLayer.probability("Heart mask", W, H, W, H, mask);
        maskLayer.setStyle(MaskLayer.Style.CONTOUR);
        NotSeenBorderLayer border = new NotSeenBorderLayer(geometry());
        return Figure.builder(provenance(demo))
                .addPanel(new FigurePanel("Original", image, null, false, view, 180, 135, List.of()))
                .addPanel(new FigurePanel("Attention", image, null, false, view, 180, 135,
                        List.of(heat, border, point)))
                .addPanel(new FigurePanel("Mask", image, null, false, view, 180, 135, List.of(maskLayer)))
                .addColorbar(Colorbar.of(heat))
                .optLegend(new Legend(List.of(new LegendEntry(LegendEntry.Swatch.HATCHED, 0, NotSeenBorderLayer.TEXT),
                        new LegendEntry(LegendEntry.Swatch.OUTLINE, 0xFFFF3030, "Heart mask"))))
                .optScores(ScoresChart.probabilities("Findings", List.of(new ScoreRow("Effusion", 0.2, 0.5),
                        new ScoreRow("Cardiomegaly", 0.81, 0.5), new ScoreRow("Edema", 0.4, Double.NaN))))
                .optPatient(new PatientIdentity(PATIENT_NAME, PATIENT_ID, BIRTH_DATE))
                .optIncludePatientIdentity(includeIdentity)
                .build();
    }

    /** Writes a 64 × 48 MONOCHROME2 DX source image and returns its dataset. */
    static DicomObject writeSource(Path file) throws Exception {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setString(Tag.PatientName, VR.PN, PATIENT_NAME);
        d.setString(Tag.PatientID, VR.LO, PATIENT_ID);
        d.setString(Tag.PatientBirthDate, VR.DA, BIRTH_DATE);
        d.setString(Tag.PatientSex, VR.CS, "F");
        d.setString(Tag.StudyDate, VR.DA, "20261122");
        d.setString(Tag.StudyTime, VR.TM, "101500");
        d.setString(Tag.AccessionNumber, VR.SH, "ACC1");
        d.setString(Tag.StudyID, VR.SH, "7");
        d.setString(Tag.ReferringPhysicianName, VR.PN, "");
        d.setInts(Tag.SeriesNumber, VR.IS, 3);
        d.setInts(Tag.InstanceNumber, VR.IS, 1);
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, 48);
        d.setInts(Tag.Columns, VR.US, 64);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        d.setDecimals(Tag.WindowCenter, 2048);
        d.setDecimals(Tag.WindowWidth, 4096);
        short[] pixels = new short[64 * 48];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) ((i * 37) % 4096);
        }
        new DicomWriter().write(file, d, NativePixels.ofShorts(pixels));
        return d;
    }
}
