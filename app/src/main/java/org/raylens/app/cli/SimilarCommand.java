package org.raylens.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code raylens similar}: build a similar-image index over embeddings, and query it (docs in the README). */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Find similar images: build a vector index over embeddings, then query it.",
        subcommands = {SimilarBuildCommand.class, SimilarQueryCommand.class})
public final class SimilarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliExitCodes.USAGE;
    }
}
