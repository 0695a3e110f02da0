package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.DicomWebException;
import org.raylens.viewer.dicomweb.InstanceRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raylens pacs get}: every instance of a study as a DICOM Part 10 file {@code DIR/<SOP Instance UID>.dcm},
 * each written atomically (complete or absent), so an interrupted run is resumed by running it again: instances
 * already there are not fetched twice. An instance that fails is listed and the others still come (exit 3).
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download every instance of a study (WADO-RS) as DICOM files DIR/<SOPInstanceUID>.dcm.")
public final class PacsGetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PacsServerOptions server;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "The Study Instance UID.")
    String study;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the files (created).")
    Path out;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, () -> {
            PrintWriter err = spec.commandLine().getErr();
            CancellationToken.Source cancel = CancellationToken.newSource();
            try (DicomWebClient client = server.client(spec);
                    InterruptHook interrupt = InterruptHook.install("raylens-pacs-get-cancel", cancel::cancel,
                            Duration.ofSeconds(10));
                    ConsoleProgressBar bar = ConsoleProgressBar.onTerminal(err, "get")) {
                List<InstanceRef> instances = listInstances(client, cancel);
                Files.createDirectories(out);
                List<String> failures = new ArrayList<>();
                int fetched = 0;
                for (int i = 0; i < instances.size(); i++) {
                    InstanceRef ref = instances.get(i);
                    bar.report(i, instances.size(), ref.sopInstanceUid());
                    Path target = out.resolve(ref.sopInstanceUid() + ".dcm");
                    if (Files.isRegularFile(target)) {
                        continue; // written whole by an earlier run
                    }
                    try {
                        client.retrieveInstance(ref, target, org.raylens.core.progress.Progress.NONE, cancel);
                        fetched++;
                    } catch (CancellationException e) {
                        err.println("raylens pacs get: interrupted; " + fetched + " instances written, run again "
                                + "to fetch the rest");
                        return CliExitCodes.INTERRUPTED;
                    } catch (DicomWebException e) {
                        failures.add(ref.sopInstanceUid() + ": " + LoadErrors.typeName(e) + ": " + e.getMessage());
                    }
                }
                bar.report(instances.size(), instances.size(), "");
                bar.close();
                spec.commandLine().getOut().println(instances.size() - failures.size() + " of " + instances.size()
                        + " instances in " + out + " (" + fetched + " fetched now)");
                failures.forEach(f -> err.println("failed: " + f));
                return failures.isEmpty() ? CliExitCodes.OK : CliExitCodes.COMPLETED_WITH_FAILURES;
            }
        });
    }

    private List<InstanceRef> listInstances(DicomWebClient client, CancellationToken cancel)
            throws DicomWebException {
        try {
            return client.listInstances(study, cancel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
