package org.raylens.app.cli;

import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code raylens forward}: runs an already-normalised float32 tensor (N×3×H×W .npy) through the encoder and writes
 * the outputs as .npy, named like the golden references so {@code compare.py} can check them directly:
 * last_hidden_state (every token after the last block and the final norm, if the family has one), pooler_output (the
 * CLS token), pooled (the family's own pooled feature), patch_tokens and the asked attentions. A model whose graph
 * names its outputs (an imported TorchScript/ONNX model's model.json) also gets one {@code <output name>.npy} per
 * output, written last: a named output wins over a standard file of the same name.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Run a normalised N x C x H x W float32 .npy through the encoder and write the outputs as .npy"
                + " (an imported model: one <output name>.npy per output of its model.json).")
public final class ForwardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--input", required = true, description = "input tensor .npy (N x C x H x W, already normalised)")
    Path input;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--attentions", description = "attention maps to write: all, or 0-based layers like 0,11 (-1 = last)")
    String attentions;

    @Option(names = "--interpolation", defaultValue = "hf", converter = InterpolationConverter.class,
            description = "position-embedding interpolation for non-native sizes: " + InterpolationConverter.NAMES)
    PositionEmbeddingInterpolation interpolation;

    @Option(names = "--hidden-states", description = "also write embeddings.npy and hidden_state_NN.npy")
    boolean hiddenStates;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, this::run);
    }

    private Integer run() throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        if (modelOptions.model == null) {
            err.println("error: --model is required");
            return 2;
        }
        PositionEmbeddingInterpolation interp = interpolation;
        FloatTensor x = NpyReader.read(input);
        if (x.rank() == 3) {
            x = new FloatTensor(x.data(), new long[]{1, x.dim(0), x.dim(1), x.dim(2)});
        }
        try (Encoder model = modelOptions.load(err); EncoderSession p = model.newSession()) {
            Set<Integer> layers;
            try {
                layers = LayerSelection.parse(attentions, model.info().layers());
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            EncoderOutput o = p.forward(x, new ForwardOptions(layers, hiddenStates, interp));
            Files.createDirectories(out);
            NpyWriter.write(out.resolve("last_hidden_state.npy"), o.lastHiddenState());
            NpyWriter.write(out.resolve("pooler_output.npy"), o.poolerOutput());
            // the family's own image feature: = pooler_output for DINOv2, fc_norm(mean of patches) for EVA-X
            NpyWriter.write(out.resolve("pooled.npy"), o.pooledOutput());
            NpyWriter.write(out.resolve("patch_tokens.npy"), o.patchTokens());
            for (var e : o.attentions().entrySet()) {
                NpyWriter.write(out.resolve("attentions_" + e.getKey() + ".npy"), e.getValue());
            }
            if (hiddenStates) {
                NpyWriter.write(out.resolve("embeddings.npy"), o.hiddenStates().get(0));
                for (int i = 1; i < o.hiddenStates().size(); i++) {
                    NpyWriter.write(out.resolve(String.format("hidden_state_%02d.npy", i)), o.hiddenStates().get(i));
                }
            }
            for (var e : o.namedOutputs().entrySet()) {
                NpyWriter.write(out.resolve(e.getKey() + ".npy"), e.getValue());
            }
            AtomicFiles.writeString(out.resolve("provenance.txt"), model.provenance().oneLine() + System.lineSeparator()
                    + "input=" + input.toAbsolutePath() + " interpolation=" + interp + " grid=" + o.layout().rows()
                    + "x" + o.layout().cols() + System.lineSeparator());
            outw.printf("wrote %s: %d image(s), %d tokens x %d, grid %dx%d%n", out, o.batch(), o.layout().numTokens(),
                    o.layout().dim(), o.layout().rows(), o.layout().cols());
            return 0;
        }
    }
}
