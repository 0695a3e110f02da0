package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.SharedData;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;

/**
 * The client against a real Orthanc loaded with the CXR files and a set of conformance files (through Orthanc's own
 * REST API, as a PACS would receive them from modalities): QIDO finds them, WADO-RS metadata fills a browser without
 * pixels, WADO-retrieved pixels hash-equal the local decode of the same file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomWebOrthancTest {

    static final Path DATA = sharedData();
    static final List<Path> LOADED = List.of(
            DATA.resolve("cxr/dicom/CR-MONO1-10-chest.dcm"), DATA.resolve("cxr/dicom/NIH_00000002_000_gcp.dcm"),
            DATA.resolve("cxr/dicom/DX_J2K_0Padding.dcm"), DATA.resolve("cxr/dicom/RG1_J2KI.dcm"),
            DATA.resolve("dicom-conformance/pydicom/CT_small.dcm"),
            DATA.resolve("dicom-conformance/pydicom/MR_small_RLE.dcm"),
            DATA.resolve("dicom-conformance/pydicom/JPEG2000.dcm"),
            DATA.resolve("dicom-conformance/pydicom/SC_rgb_small_odd.dcm"),
            DATA.resolve("dicom-conformance/pydicom/SC_rgb_jpeg_dcmtk.dcm"),
            DATA.resolve("dicom-conformance/pydicom/MR_small_jp2klossless.dcm"));

    private OrthancServer orthanc;
    private DicomWebClient client;

    static Path sharedData() {
        Path root = SharedData.root();
        return root == null ? Path.of("../shared/data") : root.resolve("data");
    }

    @BeforeAll
    void startOrthanc() throws Exception {
        assumeTrue(Files.isDirectory(DATA.resolve("cxr/dicom")), "../shared/data is absent");
        orthanc = OrthancServer.start(false);
        for (Path file : LOADED) {
            orthanc.upload(file);
        }
        client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()));
    }

    @AfterAll
    void stopOrthanc() throws Exception {
        if (client != null) {
            client.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void qidoFindsEachLoadedFileByPatientIdDateAndModality() throws Exception {
        for (Path file : LOADED) {
            DicomObject local = header(file);
            String study = local.getString(Tag.StudyInstanceUID);
            String patientId = local.getString(Tag.PatientID, "");
            String date = local.getString(Tag.StudyDate, "");
            String modality = local.getString(Tag.Modality, "");
            if (!patientId.isEmpty()) {
                assertTrue(uids(StudyQuery.all().withPatientId(patientId)).contains(study), file + " by patient id");
            }
            if (!date.isEmpty()) {
                assertTrue(uids(StudyQuery.all().withStudyDate(date + "-" + date)).contains(study), file + " by date");
                assertFalse(uids(StudyQuery.all().withStudyDate("-18000101")).contains(study), file + " early date");
            }
            if (!modality.isEmpty()) {
                assertTrue(uids(StudyQuery.all().withModality(modality)).contains(study), file + " by modality");
            }
        }
        assertEquals(List.of(), client.searchStudies(StudyQuery.all().withPatientId("NO-SUCH-PATIENT"),
                CancellationToken.NONE));
    }

    @Test
    void patientNameWildcardFindsTheStudy() throws Exception {
        DicomObject local = header(LOADED.get(4)); // CT_small: CompressedSamples^CT1
        String name = local.getString(Tag.PatientName);
        List<StudySummary> found = client.searchStudies(
                StudyQuery.all().withPatientName(name.substring(0, 5) + "*"), CancellationToken.NONE);
        assertTrue(found.stream().anyMatch(s -> s.patientName().equals(name)), found.toString());
    }

    @Test
    void metadataFillsTheBrowserWithoutPixels() throws Exception {
        DicomObject local = header(LOADED.get(0));
        String study = local.getString(Tag.StudyInstanceUID);
        List<DicomObject> metadata = client.studyMetadata(study, CancellationToken.NONE);
        assertEquals(1, metadata.size());
        DicomObject remote = metadata.get(0);
        for (int tag : new int[] {Tag.SOPInstanceUID, Tag.SeriesInstanceUID, Tag.PatientID, Tag.Modality}) {
            assertEquals(local.getString(tag, ""), remote.getString(tag, ""), Integer.toHexString(tag));
        }
        assertEquals(local.getInt(Tag.Rows, -1), remote.getInt(Tag.Rows, -2));
        assertFalse(remote.contains(0x7FE00010), "metadata carries no pixel data");
        assertEquals(List.of(new InstanceRef(study, local.getString(Tag.SeriesInstanceUID),
                local.getString(Tag.SOPInstanceUID))), DicomWebClient.refs(study, metadata));
        assertEquals(1, client.listSeries(study, CancellationToken.NONE).size());
    }

    @Test
    void wadoRetrievedPixelsHashEqualTheLocalDecode(@TempDir Path out) throws Exception {
        ImageOpener opener = new ImageOpener();
        for (Path file : LOADED) {
            DicomObject local = header(file);
            List<InstanceRef> refs = client.listInstances(local.getString(Tag.StudyInstanceUID),
                    CancellationToken.NONE);
            InstanceRef ref = refs.stream().filter(r -> r.sopInstanceUid().equals(
                    local.getString(Tag.SOPInstanceUID))).findFirst().orElseThrow();
            Path retrieved = out.resolve(ref.sopInstanceUid() + ".dcm");
            List<Long> progress = new ArrayList<>();
            long size = client.retrieveInstance(ref, retrieved, (done, total, m) -> progress.add(done),
                    CancellationToken.NONE);
            assertEquals(Files.size(retrieved), size);
            assertFalse(progress.isEmpty(), "progress reported");
            assertEquals(pixelHash(opener, file), pixelHash(opener, retrieved), file.toString());
        }
    }

    private List<String> uids(StudyQuery query) throws Exception {
        return client.searchStudies(query, CancellationToken.NONE).stream().map(StudySummary::studyInstanceUid)
                .toList();
    }

    static DicomObject header(Path file) throws Exception {
        try (DicomFile f = DicomReader.readHeader(file)) {
            return f.dataset();
        }
    }

    /** SHA-256 of every frame's modality values, as the viewer decodes them. */
    static String pixelHash(ImageOpener opener, Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OpenedImage image = opener.open(file)) {
            for (int i = 0; i < image.frameCount(); i++) {
                float[] values = image.modalityImage(i).values();
                ByteBuffer bb = ByteBuffer.allocate(values.length * 4);
                bb.asFloatBuffer().put(values);
                sha.update(bb);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
