package org.raylens.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.hub.DownloadResult;
import org.raylens.inference.hub.HubDownloader;
import org.raylens.inference.hub.HubException;
import org.raylens.inference.hub.RepoId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raylens model get <org/name>}: downloads a model's files from the Hugging Face Hub into the shared cache
 * ({@link HubDownloader}), with a progress bar; Ctrl-C or a broken connection keeps what arrived and the same command
 * resumes. The only command that contacts the network, and only when run.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Download a model from the Hugging Face Hub into the Hugging Face cache (resumable).")
public final class ModelGetCommand implements Callable<Integer> {
    /** RAD-DINO's files: a safetensors model folder as RayLens loads it. */
    static final List<String> DEFAULT_FILES = List.of("config.json", "model.safetensors", "preprocessor_config.json");

    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    @Parameters(index = "0", paramLabel = "ORG/NAME", description = "the repository, e.g. microsoft/rad-dino")
    String repo;

    @Option(names = "--revision", defaultValue = "main", paramLabel = "R",
            description = "branch, tag or commit hash (default: main)")
    String revision;

    @Option(names = "--files", arity = "1..*", paramLabel = "FILE",
            description = "the files to fetch (default: config.json model.safetensors preprocessor_config.json;"
                    + " for EVA-X name the .pt file)")
    List<String> files;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "token for gated or private repositories (default: $HF_TOKEN, else the saved login)")
    String token;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N",
            description = "extra tries, each resuming, after a transfer breaks off (default 3)")
    int retries;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        RepoId id;
        try {
            id = new RepoId(repo);
        } catch (IllegalArgumentException e) {
            err.println("raylens model get: " + e.getMessage());
            return CliExitCodes.USAGE;
        }
        List<String> wanted = files == null || files.isEmpty() ? DEFAULT_FILES : files;
        CancellationToken.Source cancel = CancellationToken.newSource();
        try (InterruptHook interrupt = InterruptHook.install("raylens-model-get-cancel", cancel::cancel,
                Duration.ofSeconds(10));
             ConsoleProgressBar bar = ConsoleProgressBar.everywhere(err, "download", 10)) {
            return LoadErrors.reported(spec, () -> {
                try {
                    HubDownloader downloader = HubDownloader.builder().setCache(hub.cache())
                            .setEndpoint(hub.endpoint()).optToken(hub.settings().token(token)).optRetries(retries)
                            .build();
                    DownloadResult result = downloader.download(id, revision, wanted, bar, cancel);
                    bar.close();
                    out.println(id + " @ " + revision + " = commit " + result.commit());
                    for (String file : result.files()) {
                        out.println("  " + file + (result.fetched().contains(file) ? "  downloaded" : "  cached"));
                    }
                    out.println("model folder: " + result.snapshotFolder());
                    return CliExitCodes.OK;
                } catch (HubException e) {
                    bar.close();
                    int code = LoadErrors.report(spec.commandLine(), e);
                    if (e.kind().resumable()) {
                        err.println("what arrived is kept: run the same command again to resume");
                    }
                    return code;
                } catch (CancellationException e) {
                    bar.close();
                    err.println("raylens model get: stopped; what arrived is kept: run the same command again to"
                            + " resume");
                    return CliExitCodes.INTERRUPTED;
                }
            });
        }
    }
}
