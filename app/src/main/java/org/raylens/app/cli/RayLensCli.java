package org.raylens.app.cli;

import org.raylens.app.RayLensVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code raylens} command line: the same jar as the window, so a researcher can script what the viewer does.
 * Each subcommand is a small class; this one only wires them and maps errors to exit codes.
 */
@Command(name = "raylens", mixinStandardHelpOptions = true, versionProvider = RayLensCli.Version.class,
        description = "RayLens: a research viewer for chest X-ray foundation models.",
        subcommands = {InspectCommand.class, IndexCommand.class, EmbedCommand.class, ForwardCommand.class, ExplainCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class RayLensCli {

    RayLensCli() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code, without exiting (tests call this). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RayLensCli());
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("raylens: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return CliExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("raylens " + commandLine.getCommandName() + ": " + ex);
            return CliExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    /** Prints RayLens's version with the engine versions it was built against (from the pom). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            RayLensVersion v = RayLensVersion.current();
            return new String[] {
                "RayLens " + v.version(),
                "DJL " + v.djlVersion() + " (PyTorch engine), libtorch " + v.libtorchVersion(),
                "JavaFX " + v.javafxVersion() + ", Java " + System.getProperty("java.version")
            };
        }
    }
}
