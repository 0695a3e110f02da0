package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DicomSummaryTest {

    private static DicomSummary summaryOf(DicomBytes d) throws DicomException {
        byte[] bytes = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        return DicomSummary.of(DicomReader.read(new MemoryByteSource(bytes), Path.of("x.dcm"), true));
    }

    @Test
    void summarisesTheHeaderAndEscapesJson() throws Exception {
        DicomBytes d = DicomBytes.explicitLe();
        d.text(Tag.SOPInstanceUID, VR.UI, "1.2.3");
        d.text(Tag.Modality, VR.CS, "DX");
        d.text(Tag.Manufacturer, VR.LO, "Acme \"Quote\" <b>");
        d.text(Tag.PatientName, VR.PN, "Doe^Jane");
        d.us(Tag.SamplesPerPixel, 1);
        d.text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME1");
        d.us(Tag.Rows, 3000).us(Tag.Columns, 2500).us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 12);
        d.us(Tag.HighBit, 11).us(Tag.PixelRepresentation, 0);
        d.text(Tag.WindowCenter, VR.DS, "2048\\1000");
        d.text(Tag.WindowWidth, VR.DS, "4096\\500.5");
        d.text(Tag.WindowCenterWidthExplanation, VR.LO, "FULL\\LUNG");
        d.text(Tag.RescaleIntercept, VR.DS, "-1024");
        d.text(Tag.RescaleSlope, VR.DS, "0.5");
        DicomSummary s = summaryOf(d);
        assertEquals(TransferSyntax.EXPLICIT_VR_LE, s.transferSyntaxUid());
        assertEquals("Explicit VR Little Endian", s.transferSyntaxName());
        assertEquals(3000, s.rows());
        assertEquals(2500, s.columns());
        assertEquals(12, s.bitsStored());
        assertNull(s.numberOfFrames());
        assertNull(s.rescaleType());
        assertEquals(0.5, s.rescaleSlope());
        assertEquals(2, s.windows().size());
        assertEquals(new DicomSummary.Window(1000, 500.5, "LUNG"), s.windows().get(1));

        String text = s.toText();
        assertTrue(text.contains("rows:"), text);
        assertTrue(text.contains("window[1]:                 center 1000 width 500.5 (LUNG)"), text);
        assertTrue(text.contains("rescaleType:               -"), text);

        JsonObject json = JsonParser.parseString(s.toJson()).getAsJsonObject();
        assertEquals("Acme \"Quote\" <b>", json.get("manufacturer").getAsString());
        assertEquals(3000, json.get("rows").getAsInt());
        assertTrue(json.get("numberOfFrames").isJsonNull());
        assertEquals("LUNG", json.getAsJsonArray("windows").get(1).getAsJsonObject().get("explanation")
                .getAsString());
    }

    @Test
    void realFileSummaryMatchesTheManifest() throws Exception {
        Path folder = ConformanceData.folder();
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            if (!row.path().equals("pydicom/CT_small.dcm")) {
                continue;
            }
            DicomSummary s = DicomSummary.of(DicomReader.readHeader(folder.resolve(row.path())));
            assertEquals(Integer.parseInt(row.get("rows")), s.rows());
            assertEquals(row.get("photometric"), s.photometricInterpretation());
            assertEquals(row.get("transfer_syntax_uid"), s.transferSyntaxUid());
            assertEquals(row.get("modality"), s.modality());
            assertEquals(Double.parseDouble(row.get("rescale_intercept")), s.rescaleIntercept());
            return;
        }
        throw new AssertionError("CT_small.dcm not in the manifest");
    }
}
