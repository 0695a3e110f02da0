package org.raylens.overlays.export.dicom;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside validators the derived-object tests run over every file they write: dicom3tools' {@code dciodvfy}
 * (IOD rules), dcmtk's {@code dcmdump} (parsing) and pydicom (reading values back). Each answers null when absent, so
 * a test can skip with a message.
 */
final class DicomValidators {
    private DicomValidators() {}

    record Result(int code, String output) {
        /** dciodvfy's error lines. */
        List<String> errors() {
            return output.lines().filter(l -> l.startsWith("Error")).toList();
        }

        List<String> warnings() {
            return output.lines().filter(l -> l.startsWith("Warning")).toList();
        }

        /**
         * dciodvfy's warnings other than the ones docs/decisions/dicom-results.md lists and justifies: attributes a
         * DICOMDIR would want that the source leaves empty (or de-identification empties), person names copied from
         * the source in the retired one-component form, an empty Laterality where the source names none, and
         * the SR's declared private coding scheme 99RAYLENS (adapter labels have no standard codes).
         */
        List<String> unexplainedWarnings() {
            return warnings().stream()
                    .filter(w -> !w.contains("Missing attribute or value that would be needed to build DICOMDIR"))
                    .filter(w -> !w.contains("Retired Person Name form"))
                    .filter(w -> !(w.contains("Laterality(0020,0060)") && w.contains("is only permitted to be empty")))
                    .filter(w -> !w.contains("Unrecognized defined term = <99RAYLENS>"))
                    .toList();
        }
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    static Result dciodvfy(Path file) throws IOException, InterruptedException {
        return run(List.of(onPath("dciodvfy") && Files.isExecutable(Path.of("/usr/bin/dciodvfy"))
                ? "/usr/bin/dciodvfy" : "dciodvfy", "-new", file.toString()));
    }

    static Result dcmdump(Path file) throws IOException, InterruptedException {
        return run(List.of("dcmdump", file.toString()));
    }

    /** A python3 that can import pydicom and numpy, or null. */
    static String pythonWithPydicom() throws InterruptedException {
        for (String python : new ArrayList<>(List.of("python3", "/usr/bin/python3"))) {
            try {
                if (run(List.of(python, "-c", "import pydicom, numpy")).code() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed under that name: try the next
            }
        }
        return null;
    }

    static Result python(String python, String script, Path file) throws IOException, InterruptedException {
        return run(List.of(python, "-c", script, file.toString()));
    }
}
