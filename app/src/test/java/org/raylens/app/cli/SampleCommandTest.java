package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.sample.SampleStudy;
import picocli.CommandLine;

class SampleCommandTest {
    @TempDir
    Path tmp;

    @Test
    void generatesTheSampleStudyAndPrintsItsFiles() throws Exception {
        Path folder = tmp.resolve("sample");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SampleCommand());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--out", folder.toString()));
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        for (String line : lines) {
            Path file = Path.of(line);
            assertTrue(file.startsWith(folder.toAbsolutePath()) && Files.isRegularFile(file), line);
            assertEquals(SampleStudy.PATIENT_NAME, DicomReader.readHeader(file).dataset().getString(Tag.PatientName), line);
        }
    }
}
