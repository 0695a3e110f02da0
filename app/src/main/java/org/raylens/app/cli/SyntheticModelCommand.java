package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.raylens.inference.bench.SyntheticWeights;
import org.raylens.inference.model.Dinov2Config;
import org.raylens.inference.model.ExpectedParameters;
import org.raylens.inference.model.FeedForwardKind;
import org.raylens.inference.weights.SafetensorsWriter;
import org.raylens.inference.weights.TensorDtype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raylens model synthetic --out DIR}: writes a model folder with seeded random weights (config.json,
 * model.safetensors in DINOv2-native names, RAD-DINO's preprocessor_config.json and a README saying what it is).
 * It lets the installer's smoke test, and anyone checking an installation offline, run the whole embed path without
 * downloading RAD-DINO. Its outputs mean nothing: the folder's README and the metadata in the weights file say so.
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Write a model folder with seeded random weights (for testing an installation offline).")
public final class SyntheticModelCommand implements Callable<Integer> {

    /** The architectures on offer: a tiny one for smoke tests and RAD-DINO's for speed and memory checks. */
    enum Size {
        TINY(new Dinov2Config(32, 2, 2, 14, 518, 3, 128, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0)),
        BASE(Dinov2Config.radDino());

        final Dinov2Config config;

        Size(Dinov2Config config) {
            this.config = config;
        }
    }

    /** microsoft/rad-dino's preprocessing, so the synthetic model exercises the same path as the real one. */
    private static final String PREPROCESSOR_JSON = """
            {
              "image_processor_type": "BitImageProcessor",
              "do_convert_rgb": true,
              "do_resize": true,
              "size": {"shortest_edge": 518},
              "resample": 3,
              "do_center_crop": true,
              "crop_size": {"height": 518, "width": 518},
              "do_rescale": true,
              "rescale_factor": 0.00392156862745098,
              "do_normalize": true,
              "image_mean": [0.5307, 0.5307, 0.5307],
              "image_std": [0.2583, 0.2583, 0.2583]
            }
            """;

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
        write(out, chosen.config, seed);
        spec.commandLine().getOut().println("wrote a synthetic " + size.toLowerCase(Locale.ROOT)
                + " model (random weights, seed " + seed + ") to " + out.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return CliExitCodes.OK;
    }

    static void write(Path folder, Dinov2Config c, long seed) throws IOException {
        Files.createDirectories(folder);
        SyntheticWeights w = new SyntheticWeights(c, seed);
        SafetensorsWriter sw = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : ExpectedParameters.of(c).entrySet()) {
            sw.put(e.getKey(), w.get(e.getKey()).values(), e.getValue(), TensorDtype.F32);
        }
        sw.metadata("raylens", "synthetic random weights, seed " + seed + "; not a trained model");
        sw.write(folder.resolve("model.safetensors"));
        Files.writeString(folder.resolve("config.json"), configJson(c));
        Files.writeString(folder.resolve("preprocessor_config.json"), PREPROCESSOR_JSON);
        Files.writeString(folder.resolve("README.txt"), "Synthetic model written by `raylens model synthetic` with"
                + " seed " + seed + ".\nIts weights are random: embeddings and maps made with it mean nothing.\n"
                + "Use it to check that an installation runs, never for research results.\n");
    }

    private static String configJson(Dinov2Config c) {
        return String.format(Locale.ROOT, """
                {
                  "model_type": "dinov2",
                  "hidden_size": %d,
                  "num_hidden_layers": %d,
                  "num_attention_heads": %d,
                  "mlp_ratio": %s,
                  "patch_size": %d,
                  "image_size": %d,
                  "num_channels": %d,
                  "layer_norm_eps": %s,
                  "hidden_act": "gelu",
                  "qkv_bias": %s,
                  "use_swiglu_ffn": false,
                  "num_register_tokens": %d
                }
                """, c.hiddenSize(), c.numLayers(), c.numHeads(), Double.toString((double) c.mlpHiddenSize() / c.hiddenSize()),
                c.patchSize(), c.imageSize(), c.numChannels(), Double.toString(c.layerNormEps()), c.qkvBias(),
                c.numRegisterTokens());
    }
}
