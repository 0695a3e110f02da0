package org.raylens.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raylens pacs}: a DICOMweb server (PACS) from the command line: {@code search} (QIDO-RS), {@code get}
 * (WADO-RS) and {@code put} (STOW-RS). Other tools script against these names and outputs; keep them.
 */
@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = "Search, download from and store into a DICOMweb server: 'pacs search', 'pacs get', 'pacs put'.",
        subcommands = {PacsSearchCommand.class, PacsGetCommand.class, PacsPutCommand.class})
public final class PacsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (search, get or put)");
    }
}
