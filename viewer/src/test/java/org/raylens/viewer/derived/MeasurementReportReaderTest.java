package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the dcmqi TID 1500 report of ../shared/data/dicom-derived/sr-example (values checked with pydicom). */
class MeasurementReportReaderTest {

    @Test
    void theReportsMeasurementsReferenceTheSegmentTheyMeasure() throws Exception {
        MeasurementReport report = new MeasurementReportReader().read(DerivedData.srExample().resolve("sr.dcm"));
        assertEquals("User2", report.observer());
        assertEquals(1, report.groups().size());
        MeasurementGroup g = report.groups().get(0);
        assertEquals("primary tumor", g.trackingIdentifier());
        assertEquals("2.25.318774060119084600392715520575818119084", g.trackingUid());
        assertEquals("Neoplasm, Primary", g.finding().meaning());
        assertEquals("pharyngeal tonsil (adenoid)", g.findingSite().meaning());
        assertEquals(DerivedData.SR_SEG, g.segmentationSopInstanceUid());
        assertEquals(1, g.segmentNumber());
        assertEquals("1.3.6.1.4.1.14519.5.2.1.2744.7002.261560220703676715130542397405", g.sourceSeriesUid());
        assertEquals(List.of(DerivedData.SR_SEG), report.referencedSegmentations());
        assertEquals(22, g.measurements().size()); // pydicom: 22 NUM items in the group

        Measurement mean = g.measurements().get(0);
        assertEquals("SUVbw", mean.name().meaning());
        assertEquals(6.01529, mean.value(), 1e-9);
        assertEquals("{SUVbw}g/ml", mean.units().value());
        assertEquals(List.of("Derivation: Mean"), mean.modifiers());
        assertEquals("SUVbw (Mean)", mean.displayName());
        Measurement volume = g.measurements().stream().filter(m -> m.name().meaning().equals("Volume"))
                .findFirst().orElseThrow();
        assertEquals(33.5824, volume.value(), 1e-9);
        assertEquals("ml", volume.units().value());
        assertEquals("Milliliter", volume.unitsText());
    }

    @Test
    void aReportWrittenHereReadsBackWithItsSegmentAndUnits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("sr.dcm");
        TinyMeasurementReport.write(file);
        MeasurementReport report = new MeasurementReportReader().read(file);
        MeasurementGroup g = report.groups().get(0);
        assertEquals("liver", g.trackingIdentifier());
        assertEquals(TinyMeasurementReport.SEG_UID, g.segmentationSopInstanceUid());
        assertEquals(2, g.measurements().size());
        assertEquals("Volume", g.measurements().get(0).displayName());
        assertEquals(0.385875, g.measurements().get(0).value(), 1e-12);
        assertEquals("Attenuation Coefficient (Mean)", g.measurements().get(1).displayName());
        assertEquals("Hounsfield unit", g.measurements().get(1).unitsText());
    }

    @Test
    void anImagingReportOfAnotherTemplateIsNotTid1500(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("sr.dcm");
        TinyMeasurementReport.write(file);
        byte[] data = java.nio.file.Files.readAllBytes(file);
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("126000");
        data[at + 5] = '1'; // (126001): another document title
        java.nio.file.Files.write(file, data);
        NotAMeasurementReportException e = assertThrows(NotAMeasurementReportException.class,
                () -> new MeasurementReportReader().read(file));
        assertTrue(e.getMessage().contains("not a TID 1500 measurement report"), e.getMessage());
    }

    @Test
    void aSegmentationIsNotAReport() {
        NotAMeasurementReportException e = assertThrows(NotAMeasurementReportException.class,
                () -> new MeasurementReportReader().read(DerivedData.srExample().resolve("seg.dcm")));
        assertTrue(e.getMessage().contains("not a structured report"), e.getMessage());
    }
}
