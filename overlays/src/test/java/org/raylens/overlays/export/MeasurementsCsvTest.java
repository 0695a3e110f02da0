package org.raylens.overlays.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.CsvRecords;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.annotation.MeasurementLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.SpacingSource;

/** The measurements CSV read back with the project's CSV reader. */
class MeasurementsCsvTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerDistanceAndPerValueSourceOfAnRoi() throws Exception {
        ImageMeasurements store = new ImageMeasurements();
        store.add(new Measurement.Distance(0, 0, 30, 40));
        store.add(new Roi.Rectangle(0, 0, 4, 8));
        HeatmapLayer map = new HeatmapLayer("Attention, layer 12", new PatchMap("attention", "t", 2, 2, 1,
                new float[] {1, 2, 3, 4}, MapGeometry.identity(8, 8, 4), "t"));
        map.setShowPatchCells(true);
        CalibratedSpacing spacing = new CalibratedSpacing(0.5, 0.5, SpacingSource.PIXEL_SPACING, null);
        MeasurementLayer layer = new MeasurementLayer(store, () -> null, () -> spacing, () -> List.of(map));
        Path csv = dir.resolve("m.csv");
        MeasurementsCsv.write(csv, "x.dcm", layer, false);
        List<CsvRecords.Record> rows = CsvRecords.parse(Files.readAllBytes(csv));
        assertEquals(List.of(MeasurementsCsv.HEADER.split(",")), rows.get(0).cells());
        List<String> distance = rows.get(1).cells();
        assertEquals("distance", distance.get(2));
        assertEquals(25.0, Double.parseDouble(distance.get(7)), 1e-12); // 50 px · 0.5 mm
        assertEquals("mm", distance.get(9));
        List<String> roi = rows.get(2).cells();
        assertEquals("Attention, layer 12", roi.get(11));
        assertEquals(8.0, Double.parseDouble(roi.get(8)), 1e-12); // 32 px² · 0.25 mm²
        assertEquals(2.0, Double.parseDouble(roi.get(13)), 1e-12);
        assertEquals(0.4, Double.parseDouble(roi.get(17)), 1e-12);
        assertEquals(3, rows.stream().filter(r -> !r.isBlank()).count());
    }

    @Test
    void anAngleGivesItsDegreesAndAFreehandItsAreaStatisticsAndOutline() throws Exception {
        ImageMeasurements store = new ImageMeasurements();
        store.add(new Measurement.Angle(20, 30, 10, 30, 20, 20));
        store.add(new Roi.Freehand(List.of(new Measurement.Point(0, 0), new Measurement.Point(8, 0),
                new Measurement.Point(0, 8))));
        HeatmapLayer map = new HeatmapLayer("map", new PatchMap("attention", "t", 2, 2, 1,
                new float[] {1, 1, 1, 1}, MapGeometry.identity(8, 8, 4), "t"));
        map.setShowPatchCells(true);
        CalibratedSpacing spacing = new CalibratedSpacing(0.5, 0.25, SpacingSource.PIXEL_SPACING, null);
        MeasurementLayer layer = new MeasurementLayer(store, () -> null, () -> spacing, () -> List.of(map));
        Path csv = dir.resolve("m.csv");
        MeasurementsCsv.write(csv, "x.dcm", layer, false);
        List<CsvRecords.Record> rows = CsvRecords.parse(Files.readAllBytes(csv));
        List<String> header = rows.get(0).cells();
        List<String> angle = rows.get(1).cells();
        assertEquals("angle", angle.get(2));
        // arms (10, 0) and (10, -10) px = (2.5, 0) and (2.5, -5) mm: atan2(5, 2.5)
        assertEquals(Math.toDegrees(Math.atan2(5, 2.5)), Double.parseDouble(angle.get(header.indexOf("angle_deg"))),
                1e-9);
        assertEquals("deg", angle.get(header.indexOf("unit")));
        assertEquals("20.0 30.0;10.0 30.0;20.0 20.0", angle.get(header.indexOf("points")));
        List<String> freehand = rows.get(2).cells();
        assertEquals("freehand", freehand.get(2));
        assertEquals(32 * 0.125, Double.parseDouble(freehand.get(header.indexOf("area"))), 1e-12); // shoelace 32 px²
        // pixel centres with x + y + 1 < 8: 28 of the 64; the map is 1 everywhere: 28/64 of its mass
        assertEquals(28, Long.parseLong(freehand.get(header.indexOf("count"))));
        assertEquals(28.0 / 64, Double.parseDouble(freehand.get(header.indexOf("mass_share"))), 1e-12);
        assertEquals("0.0 0.0;8.0 0.0;0.0 8.0", freehand.get(header.indexOf("points")));
    }
}
