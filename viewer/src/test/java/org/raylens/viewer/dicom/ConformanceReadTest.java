package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every manifest row pydicom parsed must parse here, with the header values the manifest records. */
class ConformanceReadTest {

    @Test
    void everyParsedRowReadsWithTheManifestsHeaderValues() throws Exception {
        Path folder = ConformanceData.folder();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            Path file = folder.resolve(row.path());
            try (DicomFile dicom = DicomReader.read(file)) {
                if (!row.parsed()) {
                    continue;
                }
                checked++;
                DicomObject ds = dicom.dataset();
                compare(failures, row, "rows", ds.getInt(Tag.Rows, -1));
                compare(failures, row, "cols", ds.getInt(Tag.Columns, -1));
                compare(failures, row, "bits_allocated", ds.getInt(Tag.BitsAllocated, -1));
                compare(failures, row, "bits_stored", ds.getInt(Tag.BitsStored, -1));
                compare(failures, row, "high_bit", ds.getInt(Tag.HighBit, -1));
                compare(failures, row, "pixel_representation", ds.getInt(Tag.PixelRepresentation, -1));
                compare(failures, row, "samples_per_pixel", ds.getInt(Tag.SamplesPerPixel, -1));
                String photometric = ds.getString(Tag.PhotometricInterpretation);
                if (!row.get("photometric").isEmpty() && !row.get("photometric").equals(photometric)) {
                    failures.add(row.path() + ": photometric " + photometric + " != " + row.get("photometric"));
                }
                String ts = row.get("transfer_syntax_uid");
                if (!ts.isEmpty() && !ts.equals(dicom.fileMeta().getString(Tag.TransferSyntaxUID))) {
                    failures.add(row.path() + ": transfer syntax " + dicom.transferSyntax().uid() + " != " + ts);
                }
                boolean hasPixels = ds.contains(Tag.PixelData);
                if (row.get("has_pixel_data").equals("Y") != hasPixels) {
                    failures.add(row.path() + ": has pixel data " + hasPixels);
                }
            } catch (DicomException e) {
                if (!ConformanceExpectations.BROKEN.containsKey(row.path())) {
                    failures.add(row.path() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " rows checked");
        assertEquals(List.of(), failures);
    }

    @Test
    void brokenFilesFailWithTheDecidedTypedErrorAndOthersRead() throws Exception {
        Path folder = ConformanceData.folder();
        List<String> failures = new ArrayList<>();
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            Path file = folder.resolve(row.path());
            ConformanceExpectations.Outcome expected = ConformanceExpectations.BROKEN.getOrDefault(row.path(),
                    new ConformanceExpectations.Outcome(null, null));
            check(failures, row.path() + " (full read)", expected.full(), () -> DicomReader.read(file).close());
            check(failures, row.path() + " (header)", expected.header(), () -> DicomReader.readHeader(file));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void privateAndUnSequencesInRealFilesAreParsedAsSequences() throws Exception {
        Path folder = ConformanceData.folder();
        try (DicomFile f = DicomReader.read(folder.resolve("pydicom/priv_SQ.dcm"))) {
            // (3F03,1001): implicit VR, a private tag unknown to any dictionary, holding one defined-length item.
            List<DicomObject> items = f.dataset().getSequence(0x3F031001);
            assertEquals(1, items.size());
            assertTrue(items.get(0).size() > 0);
        }
        try (DicomFile f = DicomReader.read(folder.resolve("pydicom/UN_sequence.dcm"))) {
            // (4453,100C) UN with undefined length → implicit LE items, nested three deep.
            DicomObject item = f.dataset().getSequence(0x4453100C).get(0);
            DicomObject series = item.getSequence(Tag.ReferencedSeriesSequence).get(0);
            DicomObject sop = series.getSequence(0x00081199).get(0);
            assertEquals("1.2.840.113619.2.327.3.185221411.476.1398588726.278.80",
                    sop.getString(Tag.ReferencedSOPInstanceUID));
            assertEquals(VR.UI, sop.get(Tag.ReferencedSOPInstanceUID).vr());
        }
        try (DicomFile f = DicomReader.read(folder.resolve("fo-dicom/Issue1097_FailToOpenDeflatedFileWithSQ.dcm"))) {
            assertTrue(f.transferSyntax().deflated());
            assertEquals(1, f.dataset().getSequence(0x00080110).size());
        }
    }

    private interface Read {
        void run() throws Exception;
    }

    private static void check(List<String> failures, String what, Class<? extends DicomException> expected,
            Read read) {
        try {
            read.run();
            if (expected != null) {
                failures.add(what + ": read, expected " + expected.getSimpleName());
            }
        } catch (Exception e) {
            if (expected == null || !expected.isInstance(e)) {
                failures.add(what + ": " + e + (expected == null ? "" : ", expected " + expected.getSimpleName()));
            } else if (((DicomException) e).file() == null || ((DicomException) e).offset() < 0) {
                failures.add(what + ": error does not name file and offset: " + e.getMessage());
            }
        }
    }

    private static void compare(List<String> failures, ConformanceData.Row row, String column, int actual) {
        String expected = row.get(column);
        if (!expected.isEmpty() && Integer.parseInt(expected) != actual) {
            failures.add(row.path() + ": " + column + " " + actual + " != " + expected);
        }
    }
}
