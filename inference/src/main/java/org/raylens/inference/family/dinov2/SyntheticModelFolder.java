package org.raylens.inference.family.dinov2;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.ExpectedParameters;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.model.SyntheticMarking;
import org.raylens.inference.weights.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a complete model folder (config.json + model.safetensors in DINOv2-native names + preprocessor_config.json)
 * holding seeded random weights of any geometry: a tiny encoder for tests and demos that loads through exactly the
 * path a real checkpoint takes. The weights are {@link SyntheticWeights}, so the same seed gives the same file (and
 * the same SHA-256). The folder is marked as random ({@link SyntheticMarking}).
 */
public final class SyntheticModelFolder {

    private SyntheticModelFolder() {
    }

    /** A 2-layer, D=32, patch-14 ViT at 56 px: small enough for unit tests, big enough to have a 4×4 grid. */
    public static Dinov2Config tinyGeometry() {
        return new Dinov2Config(32, 2, 2, 14, 56, 3, 128, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0);
    }

    /** Folder with a preprocessor that resizes the shortest edge to the image size and centre-crops a square. */
    public static void write(Path folder, Dinov2Config geometry, long seed) throws IOException {
        PreprocessorConfig rad = PreprocessorConfig.radDino();
        write(folder, geometry, seed, new PreprocessorConfig(true, true, geometry.imageSize(),
                PreprocessorConfig.PIL_BICUBIC, true, geometry.imageSize(), geometry.imageSize(), true, 1.0 / 255, true,
                rad.imageMean(), rad.imageStd()));
    }

    public static void write(Path folder, Dinov2Config geometry, long seed, PreprocessorConfig preprocessor)
            throws IOException {
        Files.createDirectories(folder);
        SyntheticWeights w = new SyntheticWeights(geometry, seed);
        SafetensorsWriter sw = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : ExpectedParameters.of(geometry).entrySet()) {
            sw.put(e.getKey(), w.get(e.getKey()).values(), e.getValue());
        }
        sw.metadata("generator", SyntheticMarking.GENERATOR_PREFIX + " seed=" + seed);
        sw.write(folder.resolve("model.safetensors"));
        JsonObject c = new JsonObject();
        c.addProperty("model_type", geometry.numRegisterTokens() > 0 ? "dinov2_with_registers" : "dinov2");
        c.addProperty("hidden_size", geometry.hiddenSize());
        c.addProperty("num_hidden_layers", geometry.numLayers());
        c.addProperty("num_attention_heads", geometry.numHeads());
        c.addProperty("patch_size", geometry.patchSize());
        c.addProperty("image_size", geometry.imageSize());
        c.addProperty("num_channels", geometry.numChannels());
        c.addProperty("mlp_ratio", geometry.mlpHiddenSize() / (double) geometry.hiddenSize());
        c.addProperty("layer_norm_eps", geometry.layerNormEps());
        c.addProperty("hidden_act", "gelu");
        c.addProperty("qkv_bias", geometry.qkvBias());
        c.addProperty("use_swiglu_ffn", geometry.feedForward() == FeedForwardKind.SWIGLU);
        c.addProperty("num_register_tokens", geometry.numRegisterTokens());
        c.addProperty(SyntheticMarking.CONFIG_FIELD, true);
        var gson = new GsonBuilder().setPrettyPrinting().create();
        AtomicFiles.writeString(folder.resolve("config.json"), gson.toJson(c) + "\n");
        JsonObject p = new JsonObject();
        p.addProperty("image_processor_type", "BitImageProcessor");
        p.addProperty("do_convert_rgb", preprocessor.doConvertRgb());
        p.addProperty("do_resize", preprocessor.doResize());
        JsonObject size = new JsonObject();
        size.addProperty("shortest_edge", preprocessor.shortestEdge());
        p.add("size", size);
        p.addProperty("resample", preprocessor.resample());
        p.addProperty("do_center_crop", preprocessor.doCenterCrop());
        JsonObject crop = new JsonObject();
        crop.addProperty("height", preprocessor.cropHeight());
        crop.addProperty("width", preprocessor.cropWidth());
        p.add("crop_size", crop);
        p.addProperty("do_rescale", preprocessor.doRescale());
        p.addProperty("rescale_factor", preprocessor.rescaleFactor());
        p.addProperty("do_normalize", preprocessor.doNormalize());
        var mean = new com.google.gson.JsonArray();
        var std = new com.google.gson.JsonArray();
        for (int i = 0; i < 3; i++) {
            mean.add(preprocessor.imageMean()[i]);
            std.add(preprocessor.imageStd()[i]);
        }
        p.add("image_mean", mean);
        p.add("image_std", std);
        AtomicFiles.writeString(folder.resolve("preprocessor_config.json"), gson.toJson(p) + "\n");
    }
}
