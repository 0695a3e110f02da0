package org.raylens.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code raylens bench}: a parent for benchmarks. Each benchmark is a subcommand ({@code encoder} here; others are
 * added by listing them in {@code subcommands} or with {@code CommandLine.addSubcommand}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchEncoderCommand.class, BenchEmbedCommand.class, BenchExplainCommand.class,
            BenchViewerCommand.class, BenchSimilarCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
