package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.StoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raylens pacs put}: stores DICOM files with STOW-RS and prints what the server says it stored
 * ({@code stored <SOPInstanceUID> <SOPClassUID>}) and refused ({@code failed <SOPInstanceUID> reason 0xNNNN}); exit 3
 * when the server refused any.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Store DICOM files (STOW-RS) and print what the server stored.")
public final class PacsPutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PacsServerOptions server;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "DICOM Part 10 files.")
    List<Path> files;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, () -> {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new NoSuchFileException(f.toString(), null, "not a file");
                }
            }
            try (DicomWebClient client = server.client(spec);
                    ConsoleProgressBar bar = ConsoleProgressBar.onTerminal(spec.commandLine().getErr(), "put")) {
                StoreResult result = client.store(files, bar, CancellationToken.NONE);
                bar.close();
                PrintWriter out = spec.commandLine().getOut();
                for (StoreResult.Stored s : result.stored()) {
                    out.println("stored " + s.sopInstanceUid() + " " + s.sopClassUid());
                }
                for (StoreResult.Failed f : result.failed()) {
                    out.println("failed " + f.sopInstanceUid() + " reason 0x"
                            + Integer.toHexString(f.reason()).toUpperCase(java.util.Locale.ROOT));
                }
                return result.failed().isEmpty() ? CliExitCodes.OK : CliExitCodes.COMPLETED_WITH_FAILURES;
            }
        });
    }
}
