package org.raylens.app.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.export.dicom.AlgorithmIdentity;
import org.raylens.overlays.export.dicom.Linkage;
import org.raylens.overlays.export.dicom.ParametricMap;
import org.raylens.overlays.export.dicom.Segmentation;
import org.raylens.overlays.export.dicom.SourceImage;
import org.raylens.viewer.dicom.DicomReader;

/**
 * For docs/screenshots.sh: writes a RayLens DICOM Segmentation (two fractional segments) and a Parametric Map (a
 * smooth map on a 37 × 37 patch grid) over a source radiograph, with RayLens's own writers, linked to the source, so
 * that the window re-opens them as layers. Synthetic values (the picture shows the layers, not a finding).
 * Usage: {@code DerivedScreenshotFixture SOURCE.dcm OUT_DIR}.
 */
public final class DerivedScreenshotFixture {

    private DerivedScreenshotFixture() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        SourceImage image = SourceImage.of(DicomReader.readHeader(source).dataset(), source.toUri());
        int w = image.dataset().getInt(org.raylens.viewer.dicom.Tag.Columns, 0);
        int h = image.dataset().getInt(org.raylens.viewer.dicom.Tag.Rows, 0);
        AlgorithmIdentity identity = new AlgorithmIdentity("RayLens screenshot fixture", "synthetic",
                "00".repeat(32), "synthetic values for the documentation screenshot", "0.1.0");
        List<Segmentation.Segment> segments = List.of(
                Segmentation.Segment.of("Right lung", 0x2F9E44, w, h, ellipse(w, h, 0.32, 0.47, 0.15, 0.28), 0.5),
                Segmentation.Segment.of("Left lung", 0x1C7ED6, w, h, ellipse(w, h, 0.68, 0.47, 0.15, 0.28), 0.5));
        Segmentation.write(new Segmentation.Request(image, segments, true, identity, Linkage.LINKED, true),
                out.resolve("raylens-seg.dcm"));
        int patch = 14;
        int input = 518;
        int grid = input / patch;
        float[] values = new float[grid * grid];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                double dr = (r - grid * 0.42) / (grid * 0.18);
                double dc = (c - grid * 0.62) / (grid * 0.15);
                values[r * grid + c] = (float) Math.exp(-(dr * dr + dc * dc) / 2);
            }
        }
        MapGeometry geometry = new MapGeometry(w, h, input, input, 0, 0, input, input, patch, grid, grid);
        PatchMap map = new PatchMap("attention", "attention (synthetic), layer 12/12, mean of heads", grid, grid, 1,
                values, geometry, "synthetic fixture");
        ParametricMap.write(new ParametricMap.Request(image, map, identity, Linkage.LINKED, true),
                out.resolve("raylens-pmap.dcm"));
    }

    private static float[] ellipse(int w, int h, double cx, double cy, double rx, double ry) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x / (double) w - cx) / rx;
                double dy = (y / (double) h - cy) / ry;
                double d = Math.sqrt(dx * dx + dy * dy);
                p[y * w + x] = (float) Math.max(0, Math.min(1, (1.15 - d) / 0.3));
            }
        }
        return p;
    }
}
