package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.raylens.app.AppDirectories;
import org.raylens.viewer.sample.SampleStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raylens sample}: generates the synthetic sample study (the one the window opens when given nothing) and
 * prints its files, one per line, so scripts can feed it to {@code raylens embed} without opening the window.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate (if needed) the synthetic sample study and print its files, one per line.")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FOLDER",
            description = "where to generate it (default: the sample-study folder in RayLens's data folder)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path folder = out != null ? out : AppDirectories.sampleStudyDir(AppDirectories.dataDir());
        List<Path> files = SampleStudy.ensureGenerated(folder);
        PrintWriter stdout = spec.commandLine().getOut();
        files.forEach(f -> stdout.println(f.toAbsolutePath()));
        stdout.flush();
        return CliExitCodes.OK;
    }
}
