package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * STOW-RS into a real Orthanc: the server's answer is parsed into what it stored, and what was stored comes back
 * through WADO-RS byte for byte. Also prints QIDO/WADO/STOW timings for a 50-instance study on loopback (a figure for
 * the report, not an assertion).
 */
class StowOrthancTest {

    static final int BENCH_INSTANCES = 50;
    static final int BENCH_SIDE = 1024;

    @Test
    void stowedFilesComeBackByteIdenticalThroughWado(@TempDir Path tmp) throws Exception {
        Path data = DicomWebOrthancTest.DATA;
        assumeTrue(Files.isDirectory(data.resolve("cxr/dicom")), "../shared/data is absent");
        List<Path> files = List.of(data.resolve("cxr/dicom/NIH_00000002_000_gcp.dcm"),
                data.resolve("cxr/dicom/RG1_J2KI.dcm"), data.resolve("dicom-conformance/pydicom/CT_small.dcm"),
                data.resolve("dicom-conformance/pydicom/MR_small_RLE.dcm"));
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            List<Long> sent = new ArrayList<>();
            StoreResult result = client.store(files, (done, total, m) -> sent.add(total), CancellationToken.NONE);
            assertEquals(List.of(), result.failed());
            assertEquals(files.size(), result.stored().size());
            assertTrue(!sent.isEmpty(), "progress reported");
            for (Path file : files) {
                DicomObject header = DicomWebOrthancTest.header(file);
                String sop = header.getString(Tag.SOPInstanceUID);
                assertTrue(result.stored().stream().anyMatch(s -> s.sopInstanceUid().equals(sop)
                        && s.sopClassUid().equals(header.getString(Tag.SOPClassUID))), sop);
                Path back = tmp.resolve(sop + ".dcm");
                client.retrieveInstance(new InstanceRef(header.getString(Tag.StudyInstanceUID),
                        header.getString(Tag.SeriesInstanceUID), sop), back, Progress.NONE, CancellationToken.NONE);
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(back), file.toString());
            }
        }
    }

    @Test
    void stowOfAFileThatIsNotDicomIsReportedAsFailedOrRefused(@TempDir Path tmp) throws Exception {
        Path notDicom = Files.writeString(tmp.resolve("notes.dcm"), "not a DICOM file");
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            try {
                StoreResult result = client.store(List.of(notDicom), Progress.NONE, CancellationToken.NONE);
                assertEquals(List.of(), result.stored(), result.toString());
            } catch (DicomWebException.HttpStatus refused) {
                assertTrue(refused.status() >= 400, refused.getMessage());
            }
        }
    }

    @Test
    void timingsOfAFiftyInstanceStudyOnLoopback(@TempDir Path tmp) throws Exception {
        List<Path> study = writeStudy(tmp.resolve("study"), BENCH_INSTANCES, BENCH_SIDE);
        long bytes = 0;
        for (Path p : study) {
            bytes += Files.size(p);
        }
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            long t0 = System.nanoTime();
            StoreResult stored = client.store(study, Progress.NONE, CancellationToken.NONE);
            long t1 = System.nanoTime();
            assertEquals(BENCH_INSTANCES, stored.stored().size());
            List<StudySummary> found = client.searchStudies(StudyQuery.all().withPatientId("BENCH-50"),
                    CancellationToken.NONE);
            long t2 = System.nanoTime();
            assertEquals(1, found.size());
            List<DicomObject> metadata = client.studyMetadata(found.get(0).studyInstanceUid(),
                    CancellationToken.NONE);
            long t3 = System.nanoTime();
            Path out = Files.createDirectories(tmp.resolve("back"));
            for (InstanceRef ref : DicomWebClient.refs(found.get(0).studyInstanceUid(), metadata)) {
                client.retrieveInstance(ref, out.resolve(ref.sopInstanceUid() + ".dcm"), Progress.NONE,
                        CancellationToken.NONE);
            }
            long t4 = System.nanoTime();
            assertEquals(BENCH_INSTANCES, DicomWebOrthancTest.files(out).size());
            System.out.printf("DICOMweb loopback, %d instances of %dx%d 16-bit (%.1f MB), Orthanc 1.10 + DICOMweb 1.7:"
                    + "%n  STOW-RS (one request) %d ms%n  QIDO-RS study search %d ms%n  WADO-RS metadata %d ms%n"
                    + "  WADO-RS instances (one request each) %d ms (%.0f MB/s)%n", BENCH_INSTANCES, BENCH_SIDE,
                    BENCH_SIDE, bytes / 1e6, ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4),
                    bytes / 1e6 / ((t4 - t3) / 1e9));
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /** A synthetic DX study of {@code n} instances with random 12-bit pixels, written with the viewer's writer. */
    static List<Path> writeStudy(Path folder, int n, int side) throws Exception {
        Files.createDirectories(folder);
        Random random = new Random(16);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            DicomObject d = new DicomObject();
            d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
            d.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1616" + i);
            d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.161600");
            d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.161601");
            d.setString(Tag.PatientID, VR.LO, "BENCH-50");
            d.setString(Tag.PatientName, VR.PN, "BENCH^FIFTY");
            d.setString(Tag.StudyDate, VR.DA, "20261207");
            d.setString(Tag.Modality, VR.CS, "DX");
            d.setString(Tag.InstanceNumber, VR.IS, Integer.toString(i));
            d.setInts(Tag.SamplesPerPixel, VR.US, 1);
            d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            d.setInts(Tag.Rows, VR.US, side);
            d.setInts(Tag.Columns, VR.US, side);
            d.setInts(Tag.BitsAllocated, VR.US, 16);
            d.setInts(Tag.BitsStored, VR.US, 12);
            d.setInts(Tag.HighBit, VR.US, 11);
            d.setInts(Tag.PixelRepresentation, VR.US, 0);
            short[] values = new short[side * side];
            for (int k = 0; k < values.length; k++) {
                values[k] = (short) random.nextInt(4096);
            }
            Path file = folder.resolve(String.format("IM%03d.dcm", i));
            new DicomWriter().write(file, d, NativePixels.ofShorts(values));
            files.add(file);
        }
        return files;
    }
}
