package org.raylens.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import org.raylens.app.AppStartup;
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
        subcommands = {InspectCommand.class, IndexCommand.class, EmbedCommand.class, ForwardCommand.class,
            ExplainCommand.class, BenchCommand.class, TrainAdapterCommand.class, SampleCommand.class, ModelCommand.class,
            PacsCommand.class, ExportDicomCommand.class, SimilarCommand.class, CommandLine.HelpCommand.class})
public final class RayLensCli {

    /** The options {@code mixinStandardHelpOptions} adds. */
    private static final Set<String> STANDARD_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    RayLensCli() {}

    public static void main(String[] args) {
        AppStartup.prepare();
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code, without exiting (tests call this). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** As {@link #execute(String...)}, printing to {@code out} and {@code err} (null: standard output and error). */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new RayLensCli());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setParameterExceptionHandler((ex, ignored) -> {
            ex.getCommandLine().getErr().println("raylens: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return CliExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> LoadErrors.report(commandLine, ex));
        try {
            return cli.execute(args);
        } finally {
            // picocli's writers buffer what print() writes (only println autoflushes), and main() exits next: a
            // command that ends with print() would otherwise lose its output.
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /**
     * Whether a program's first argument names one of these commands or options ({@code help} included), so that
     * the launcher sends it here rather than to the window. The names are read from the commands' annotations, not
     * kept in a second list, and no command is instantiated: the launcher asks before {@link AppStartup} has run.
     */
    public static boolean handles(String firstArgument) {
        Command top = RayLensCli.class.getAnnotation(Command.class);
        if (top.mixinStandardHelpOptions() && STANDARD_OPTIONS.contains(firstArgument)) {
            return true;
        }
        for (Class<?> sub : top.subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c.name().equals(firstArgument) || List.of(c.aliases()).contains(firstArgument)) {
                return true;
            }
        }
        return false;
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
