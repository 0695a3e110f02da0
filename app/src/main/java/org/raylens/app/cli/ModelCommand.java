package org.raylens.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raylens model}: tools for model folders: {@code model synthetic}, the offline test-model writer, and
 * {@code model list} / {@code model get} for the Hugging Face cache and Hub.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Tools for model folders: 'model synthetic --out DIR' writes a random-weights test model;",
            "'model list' shows the Hugging Face cache; 'model get ORG/NAME' downloads into it."},
        subcommands = {SyntheticModelCommand.class, ModelListCommand.class, ModelGetCommand.class})
public final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (synthetic, list, get)");
    }
}
