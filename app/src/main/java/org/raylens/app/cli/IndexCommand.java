package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.StudyIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code raylens index <folder|DICOMDIR>}: reads headers only and prints Patient → Study → Series → Instance. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a folder (recursively) or a DICOMDIR and print the study tree; headers only.",
        footer = {"", "A file that cannot be indexed is skipped, and the skipped files are listed at the end (on"
            + " standard error); the scan goes on.",
            "", "Exit status: 0 every file indexed; 3 indexed, but some files were skipped (listed); 2 unreadable"
            + " folder or DICOMDIR; 64 usage error."})
public final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<folder|DICOMDIR>", converter = ImageArgument.Converter.class,
            description = "A folder to scan, or a DICOMDIR file (a path or a file: URI).")
    ImageArgument where;

    @Option(names = "--json", description = "Print the tree as JSON.")
    boolean json;

    @Option(names = "--threads", description = "Header-reading threads (default: number of cores).")
    Integer threads;

    @Option(names = {"-v", "--verbose"},
            description = "List every skipped file; without it, files that are not DICOM are only counted by type.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path target = where.wholeLocalFile().orElse(null);
        if (target == null) {
            err().println("raylens index: needs a local folder or DICOMDIR, not one frame or a remote source: "
                    + where.text());
            return CliExitCodes.USAGE;
        }
        if (!Files.exists(target)) {
            err().println("raylens index: no such file or folder: " + target);
            return CliExitCodes.UNREADABLE;
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        StudyIndex index;
        try (ConsoleProgressBar bar = ConsoleProgressBar.onTerminal(err(), "indexing")) {
            if (Files.isDirectory(target)) {
                index = new FolderScanner(n).scan(target, bar, CancellationToken.NONE);
            } else {
                index = new DicomDirReader(n).read(target, bar, CancellationToken.NONE);
            }
        } catch (DicomException e) {
            err().println("raylens index: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        }
        SkippedFilesSummary skipped = new SkippedFilesSummary(index.skipped());
        if (json) {
            out().println(index.toJson());
        } else {
            out().print(index.treeText());
            skipped.lines(verbose).forEach(out()::println);
        }
        out().flush();
        // Problems (damaged DICOM, dangling links) are failures (exit 3), listed once more at the end where a long tree
        // does not hide them; files that are not DICOM at all are expected in a study folder and only counted.
        BatchFailures failures = new BatchFailures();
        skipped.problems().forEach(s -> failures.add(s.path(), "skipped", s.reason()));
        failures.printTo(err());
        return failures.exitCode();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
