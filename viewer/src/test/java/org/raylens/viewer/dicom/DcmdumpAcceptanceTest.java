package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcmtk's dcmdump, an independent and strict reader, must read what {@link DicomWriter} writes without a single
 * warning, and must see the values we put in. Skipped (with a message) where dcmtk is not installed.
 */
class DcmdumpAcceptanceTest {

    static boolean dcmdumpPresent;

    @BeforeAll
    static void findDcmdump() {
        try {
            Process p = new ProcessBuilder("dcmdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            dcmdumpPresent = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            dcmdumpPresent = false;
        }
    }

    /** Runs dcmdump with {@code args}; returns stdout after asserting exit code 0 and an empty stderr. */
    static String dcmdumpClean(Path file, String... args) throws Exception {
        assumeTrue(dcmdumpPresent, "dcmdump (apt-get install dcmtk) is not installed: acceptance check skipped");
        List<String> command = new ArrayList<>(List.of("dcmdump"));
        command.addAll(List.of(args));
        command.add(file.toString());
        Path err = Files.createTempFile("dcmdump", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dcmdump finished");
            String stderr = Files.readString(err);
            assertEquals("", stderr, "dcmdump printed warnings or errors for " + file);
            assertEquals(0, p.exitValue(), "dcmdump exit code; stdout: " + out);
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static DicomObject richDataset() {
        DicomObject d = DicomWriterTest.image(4, 5, 16, 14);
        d.setString(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        d.setString(Tag.StudyDate, VR.DA, "20260101");
        d.setString(Tag.StudyTime, VR.TM, "120000.5");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        d.setString(Tag.PatientID, VR.LO, "ID1");
        d.setString(Tag.StudyDescription, VR.LO, "odd");
        d.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.fromName("series"));
        d.setInts(Tag.SeriesNumber, VR.IS, 7);
        d.setDecimals(Tag.PixelSpacing, 0.143, 0.143);
        d.setDecimals(Tag.WindowCenter, 2048, 1500.5);
        d.setDecimals(Tag.WindowWidth, 4096, 800);
        d.setString(Tag.WindowCenterWidthExplanation, VR.LO, "FULL", "SOFT");
        DicomObject inner = new DicomObject();
        inner.setString(Tag.ReferencedSOPClassUID, VR.UI, DicomWriterTest.SOP_CLASS);
        inner.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        DicomObject item = new DicomObject();
        item.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4");
        item.setSequence(Tag.SourceImageSequence, List.of(inner, new DicomObject()));
        d.setSequence(Tag.ReferencedSeriesSequence, List.of(item));
        d.setSequence(Tag.ModalityLUTSequence, List.of());
        d.setBytes(0x00091001, VR.OB, new byte[] {1, 2, 3});
        return d;
    }

    @Test
    void dcmdumpReadsARichDatasetWithoutWarnings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rich.dcm");
        short[] px = new short[20];
        for (int i = 0; i < px.length; i++) {
            px[i] = (short) (i * 800);
        }
        new DicomWriter().write(file, richDataset(), NativePixels.ofShorts(px));
        String dump = dcmdumpClean(file);
        assertTrue(dump.contains("(0002,0010) UI =LittleEndianExplicit"), dump);
        assertTrue(dump.contains("(0002,0012) UI [" + DicomWriter.IMPLEMENTATION_CLASS_UID + "]"), dump);
        assertTrue(dump.contains("(0002,0013) SH [RAYLENS_0_1]"), dump);
        assertTrue(dump.contains("(0008,0005) CS [ISO_IR 192]"), dump);
        assertTrue(dump.contains("(0010,0010) PN [Müller^Jürgen]"), dump);
        assertTrue(dump.contains("(0028,1055) LO [FULL\\SOFT]"), dump);
        assertTrue(dump.contains("(7fe0,0010) OW 0000\\0320\\0640"), dump);
        // +P picks single values, the way a script would check them.
        assertEquals("(0028,0030) DS [0.143\\0.143]", firstLine(dcmdumpClean(file, "+P", "0028,0030")));
        assertTrue(firstLine(dcmdumpClean(file, "+P", "0008,1155")).startsWith("(0008,1155) UI [1.2.3]"));
    }

    @Test
    void dcmdumpReadsEightBitOddLengthPixelsWithoutWarnings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eight.dcm");
        DicomObject d = DicomWriterTest.image(3, 3, 8, 8);
        new DicomWriter().write(file, d, NativePixels.ofBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        String dump = dcmdumpClean(file);
        assertTrue(dump.contains("(7fe0,0010) OB 01\\02\\03\\04\\05\\06\\07\\08\\09\\00"), dump);
    }

    static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).strip();
    }
}
