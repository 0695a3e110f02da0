package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.AtomicFolder;
import org.raylens.inference.encoder.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raylens model synthetic --out DIR}: writes a model folder with seeded random weights
 * (the DINOv2 family's random folder: config.json, model.safetensors, preprocessor_config.json with RAD-DINO's
 * settings)
 * and a README saying what it is.
 * It lets the installer's smoke test, and anyone checking an installation offline, run the whole embed path without
 * downloading RAD-DINO. Its outputs mean nothing: the folder's README says so.
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Write a model folder with seeded random weights (for testing an installation offline).")
public final class SyntheticModelCommand implements Callable<Integer> {
    /** The encoder family whose folders this command writes. */
    static final String FAMILY = "dinov2";


    /** The architectures on offer: a tiny one for smoke tests and RAD-DINO's for speed and memory checks. */
    enum Size {
        TINY("tiny-518"),
        BASE("rad-dino");

        /** The DINOv2 family's name for the architecture. */
        final String architecture;

        Size(String architecture) {
            this.architecture = architecture;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FOLDER", description = "the model folder to write (must not hold a model)")
    Path out;

    @Option(names = "--size", defaultValue = "tiny", paramLabel = "SIZE",
            description = "tiny (D=32, 2 layers; default) or base (RAD-DINO's ViT-B/14 shapes, 346 MB)")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default 1): the same seed writes the same weights")
    long seed;

    @Override
    public Integer call() throws IOException {
        Size chosen;
        try {
            chosen = Size.valueOf(size.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --size must be tiny or base, not " + size);
            return CliExitCodes.USAGE;
        }
        Path weights = out.resolve("model.safetensors");
        if (Files.exists(weights) || Files.exists(out.resolve("config.json"))) {
            spec.commandLine().getErr().println("error: " + out + " already holds a model; choose an empty folder");
            return CliExitCodes.FAILURE;
        }
        write(out, chosen.architecture, seed);
        spec.commandLine().getOut().println("wrote a synthetic " + size.toLowerCase(Locale.ROOT)
                + " model (random weights, seed " + seed + ") to " + out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return CliExitCodes.OK;
    }

    /**
     * Writes the model as one set when the folder is new or empty (a kill leaves no weights without their config);
     * into a folder that already holds other files, file by file, each still atomic.
     */
    static void write(Path folder, String architecture, long seed) throws IOException {
        AtomicFolder.FolderWriter content = into -> {
            // RAD-DINO's own preprocessing (518 px crop), so the check runs the same path as the real model.
            Encoders.family(FAMILY).orElseThrow().writeRandomFolder(into, architecture, seed);
            AtomicFiles.writeString(into.resolve("README.txt"), "Synthetic model written by `raylens model synthetic`"
                    + " with seed " + seed + ".\nIts weights are random: embeddings and maps made with it mean"
                    + " nothing.\nUse it to check that an installation runs, never for research results.\n");
        };
        if (!Files.exists(folder) || isEmptyFolder(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFolder.write(folder, true, content);
            return;
        }
        AtomicFolder.writeFileByFile(folder, content);
    }

    private static boolean isEmptyFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
