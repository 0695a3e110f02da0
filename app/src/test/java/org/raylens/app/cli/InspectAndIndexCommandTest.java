package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code raylens inspect} and {@code raylens index} on real conformance files and on bad input. */
class InspectAndIndexCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Path conformance() {
        Path g = ForwardCommandTest.golden().orElse(null);
        Path data = g == null ? null : g.resolveSibling("data").resolve("dicom-conformance");
        assumeTrue(data != null && Files.isDirectory(data), "../shared/data is absent; CLI conformance test skipped");
        return data;
    }

    /** The manifest row's pixel_sha256_le for a file. */
    private static String manifestHash(Path data, String relative) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("manifest.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int column = header.indexOf("pixel_sha256_le");
        for (String line : lines) {
            if (line.startsWith(relative + ",")) {
                String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
                return cells[column];
            }
        }
        throw new AssertionError("no manifest row for " + relative);
    }

    @Test
    void inspectPrintsTheSummaryAndThePixelHashOfTheManifest() throws IOException {
        Path data = conformance();
        Result r = run(new InspectCommand(), data.resolve("pydicom/CT_small.dcm").toString(), "--json",
                "--pixel-sha256");
        assertEquals(0, r.code(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(manifestHash(data, "pydicom/CT_small.dcm"), json.get("pixelSha256").getAsString());
        assertEquals(128, json.get("rows").getAsInt());

        Result text = run(new InspectCommand(), data.resolve("pydicom/MR_small_jpeg_ls_lossless.dcm").toString(),
                "--pixel-sha256");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains(manifestHash(data, "pydicom/MR_small_jpeg_ls_lossless.dcm")), text.out());
        assertTrue(text.out().contains("1.2.840.10008.1.2.4.80"), text.out());
    }

    @Test
    void inspectGivesExitCode2AndATypedErrorForUnreadableFiles() throws IOException {
        Path junk = Files.writeString(tmp.resolve("junk.dcm"), "this is not DICOM at all, just text");
        Result r = run(new InspectCommand(), junk.toString());
        assertEquals(CliExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("NotDicomException") && r.err().contains("junk.dcm"), r.err());

        Result missing = run(new InspectCommand(), tmp.resolve("nope.dcm").toString());
        assertEquals(CliExitCodes.UNREADABLE, missing.code());
    }

    @Test
    void inspectOfTruncatedPixelDataIsATypedError() {
        Path data = conformance();
        Result r = run(new InspectCommand(), data.resolve("pydicom/MR_truncated.dcm").toString(), "--pixel-sha256");
        assertEquals(CliExitCodes.UNREADABLE, r.code());
        assertTrue(r.err().contains("Truncated"), r.err());
    }

    @Test
    void indexPrintsTheDicomdirTree() {
        Path data = conformance();
        Result r = run(new IndexCommand(), data.resolve("dicomdir/DICOMDIR").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        String json = r.out();
        assertEquals(31, json.split("\"sopInstanceUid\"", -1).length - 1, "31 images in the DICOMDIR");
    }

    @Test
    void indexGoesPastABrokenFileAndListsItAtTheEnd() throws Exception {
        Path data = conformance();
        Path folder = java.nio.file.Files.createDirectories(tmp.resolve("mixed"));
        java.nio.file.Files.copy(data.resolve("dicomdir/DICOMDIR"), folder.resolve("DICOMDIR"));
        // a real DICOM header cut short: DICOM, but damaged
        byte[] whole = java.nio.file.Files.readAllBytes(data.resolve("dicomdir/DICOMDIR"));
        java.nio.file.Files.write(folder.resolve("aaa-broken.dcm"), java.util.Arrays.copyOf(whole, 300));
        Result r = run(new IndexCommand(), folder.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, r.code(), r.err());
        String tail = r.err().substring(r.err().lastIndexOf("file(s) failed:"));
        assertTrue(tail.contains("aaa-broken.dcm"), r.err());
    }

    @Test
    void indexCountsFilesThatAreNotDicomInsteadOfListingEach() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("mixed"));
        org.raylens.app.SmallDicomStudy.write(folder);
        for (int i = 0; i < 104; i++) {
            Files.write(folder.resolve("slide" + i + ".png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10,
                0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        }
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        Files.write(folder.resolve("broken.dcm"), java.util.Arrays.copyOf(
                Files.readAllBytes(Files.list(folder).filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow()),
                400));

        Result r = run(new IndexCommand(), folder.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, r.code(), "the damaged broken.dcm is a failure: " + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("1 patients, 1 studies, 1 series, 1 instances, 106 skipped"), r.out());
        assertTrue(lines.contains("Skipped 105 files that are not DICOM (104 .png, 1 .txt); --verbose lists them"),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Skipped " + folder.resolve("broken.dcm") + ": ")),
                "a damaged DICOM file is still listed with its reason: " + r.out());
        assertTrue(lines.size() < 10, "one line for the non-DICOM files, not 105: " + r.out());

        Result verbose = run(new IndexCommand(), folder.toString(), "--verbose");
        assertEquals(106, verbose.out().lines().filter(l -> l.startsWith("Skipped " + folder)).count(), verbose.out());
    }

    @Test
    void indexOfAMissingFolderIsExitCode2() {
        Result r = run(new IndexCommand(), tmp.resolve("absent").toString());
        assertEquals(CliExitCodes.UNREADABLE, r.code());
    }

    @Test
    void versionNamesTheEngines() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RayLensCli());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--version"));
        assertTrue(out.toString().contains("RayLens 0.") && out.toString().contains("libtorch"), out.toString());
    }
}
