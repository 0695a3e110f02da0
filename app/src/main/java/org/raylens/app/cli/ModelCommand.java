package org.raylens.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code raylens model}: tools for model folders; today {@code model synthetic}, the offline test-model writer. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Tools for model folders: 'model synthetic --out DIR' writes a random-weights test model.",
        subcommands = {SyntheticModelCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (synthetic)");
    }
}
