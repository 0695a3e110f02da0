package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.study.CancellationToken;
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
        description = "Index a folder (recursively) or a DICOMDIR and print the study tree; headers only.")
public final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<folder|DICOMDIR>", description = "A folder to scan, or a DICOMDIR file.")
    Path target;

    @Option(names = "--json", description = "Print the tree as JSON.")
    boolean json;

    @Option(names = "--threads", description = "Header-reading threads (default: number of cores).")
    Integer threads;

    @Option(names = {"-v", "--verbose"},
            description = "List every skipped file; without it, files that are not DICOM are only counted by type.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(target)) {
            err().println("raylens index: no such file or folder: " + target);
            return CliExitCodes.UNREADABLE;
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        StudyIndex index;
        try (ConsoleProgressBar bar = ConsoleProgressBar.onTerminal(err(), "indexing")) {
            if (Files.isDirectory(target)) {
                index = new FolderScanner(n).scan(target, bar::update, CancellationToken.NONE);
            } else {
                index = new DicomDirReader(n).read(target, bar::update, CancellationToken.NONE);
            }
        } catch (DicomException e) {
            err().println("raylens index: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        }
        if (json) {
            out().println(index.toJson());
        } else {
            out().print(index.treeText());
            new SkippedFilesSummary(index.skipped()).lines(verbose).forEach(out()::println);
        }
        return CliExitCodes.OK;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
