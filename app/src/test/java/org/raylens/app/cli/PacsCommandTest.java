package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.SharedData;
import org.raylens.viewer.dicomweb.OrthancServer;

/** {@code raylens pacs put|search|get} end to end against a real Orthanc, and their errors and exit codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacsCommandTest {

    private OrthancServer orthanc;
    private List<Path> files;

    record Run(int code, String out, String err) {}

    /** Started by the first test that needs it (skips that test where Orthanc or ../shared is absent). */
    private OrthancServer orthanc() throws Exception {
        if (orthanc == null) {
            Path shared = SharedData.root();
            assumeTrue(shared != null && Files.isDirectory(shared.resolve("data/cxr/dicom")), "../shared is absent");
            files = List.of(shared.resolve("data/cxr/dicom/NIH_00000002_000_gcp.dcm"),
                    shared.resolve("data/dicom-conformance/pydicom/CT_small.dcm"));
            orthanc = OrthancServer.start(false);
        }
        return orthanc;
    }

    @AfterAll
    void stop() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void putThenSearchThenGetRoundTrips(@TempDir Path tmp) throws Exception {
        String url = orthanc().dicomWeb().toString();
        List<String> putArgs = new java.util.ArrayList<>(List.of("pacs", "put", "--url", url));
        files.forEach(f -> putArgs.add(f.toString()));
        Run put = run(putArgs.toArray(String[]::new));
        assertEquals(0, put.code(), put.err());
        for (Path f : files) {
            DicomObject h = header(f);
            assertTrue(put.out().contains("stored " + h.getString(Tag.SOPInstanceUID) + " "
                    + h.getString(Tag.SOPClassUID)), put.out());
        }

        DicomObject ct = header(files.get(1));
        String study = ct.getString(Tag.StudyInstanceUID);
        Run search = run("pacs", "search", "--url", url, "--patient-id", ct.getString(Tag.PatientID));
        assertEquals(0, search.code(), search.err());
        List<String> lines = search.out().lines().toList();
        assertEquals(1, lines.size(), search.out());
        assertTrue(lines.get(0).startsWith(study + "\t"), lines.get(0));

        Run json = run("pacs", "search", "--url", url, "--modality", ct.getString(Tag.Modality), "--json");
        assertEquals(0, json.code(), json.err());
        JsonObject first = JsonParser.parseString(json.out().lines().filter(l -> l.contains(study)).findFirst()
                .orElseThrow()).getAsJsonObject();
        assertEquals(study, first.get("studyInstanceUid").getAsString());
        assertTrue(json.out().lines().allMatch(l -> l.startsWith("{\"studyInstanceUid\":")), json.out());

        Path out = tmp.resolve("out");
        Run get = run("pacs", "get", "--url", url, "--study", study, "--out", out.toString());
        assertEquals(0, get.code(), get.err());
        Path back = out.resolve(ct.getString(Tag.SOPInstanceUID) + ".dcm");
        assertArrayEquals(Files.readAllBytes(files.get(1)), Files.readAllBytes(back));
        Run again = run("pacs", "get", "--url", url, "--study", study, "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("(0 fetched now)"), again.out());
    }

    @Test
    void errorsHaveTheirExitCodes(@TempDir Path tmp) throws Exception {
        String url = orthanc().dicomWeb().toString();
        Run badDate = run("pacs", "search", "--url", url, "--study-date", "2024");
        assertEquals(CliExitCodes.USAGE, badDate.code());
        Run unknown = run("pacs", "get", "--url", url, "--study", "1.2.3.999", "--out", tmp.toString());
        assertEquals(CliExitCodes.UNREADABLE, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("NotFound"), unknown.err());
        Run down = run("pacs", "search", "--url", "http://127.0.0.1:" + OrthancServer.freePort() + "/dicom-web");
        assertEquals(CliExitCodes.UNREADABLE, down.code());
        assertTrue(down.err().startsWith("raylens pacs search: DicomWebException.ServerUnreachable: "), down.err());
        Run missing = run("pacs", "put", "--url", url, tmp.resolve("nope.dcm").toString());
        assertEquals(CliExitCodes.UNREADABLE, missing.code());
        Run both = run("pacs", "search", "--url", url, "--token", "t", "--user", "u", "--password", "p");
        assertEquals(CliExitCodes.USAGE, both.code());
    }

    @Test
    void helpPacsListsTheSubcommands() {
        Run help = run("help", "pacs");
        assertEquals(0, help.code());
        for (String sub : List.of("search", "get", "put")) {
            assertTrue(help.out().contains(sub), help.out());
        }
        assertTrue(RayLensCli.handles("pacs"));
    }

    private static DicomObject header(Path file) throws Exception {
        try (DicomFile f = DicomReader.readHeader(file)) {
            return f.dataset();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RayLensCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
