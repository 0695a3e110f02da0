package org.raylens.inference.testsupport;

import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.ExpectedParameters;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.weights.SafetensorsWriter;
import org.raylens.inference.weights.TensorDtype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Writes model folders of any small config in either naming, from seeded synthetic weights. */
public final class SyntheticCheckpoints {
    private SyntheticCheckpoints() {
    }

    public static Dinov2Config tiny(int registers, FeedForwardKind ffn, boolean layerScale) {
        int d = 32;
        int hidden = ffn == FeedForwardKind.SWIGLU ? Dinov2Config.swigluHidden(d, 4.0) : 128;
        return new Dinov2Config(d, 2, 2, 14, 42, 3, hidden, 1e-6, layerScale, true, ffn, registers);
    }

    public static void writeNative(Path folder, Dinov2Config c, SyntheticWeights w, TensorDtype dtype) throws IOException {
        Files.createDirectories(folder);
        SafetensorsWriter sw = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : ExpectedParameters.of(c).entrySet()) {
            sw.put(e.getKey(), w.get(e.getKey()).values(), e.getValue(), dtype);
        }
        sw.put("mask_token", new float[c.hiddenSize()], new long[]{1, c.hiddenSize()}, dtype);
        sw.write(folder.resolve("backbone_compatible.safetensors"));
    }

    /** HF Dinov2Model names (qkv split into query/key/value), optionally under a "dinov2." prefix, plus config.json. */
    public static void writeHf(Path folder, Dinov2Config c, SyntheticWeights w, String prefix) throws IOException {
        Files.createDirectories(folder);
        SafetensorsWriter sw = new SafetensorsWriter();
        int d = c.hiddenSize();
        for (Map.Entry<String, long[]> e : ExpectedParameters.of(c).entrySet()) {
            String k = e.getKey();
            float[] v = w.get(k).values();
            if (k.contains("attn.qkv")) {
                String base = prefix + "encoder.layer." + layer(k) + ".attention.attention.";
                String kind = k.endsWith("weight") ? "weight" : "bias";
                int part = v.length / 3;
                long[] shape = kind.equals("weight") ? new long[]{d, d} : new long[]{d};
                String[] names = {"query", "key", "value"};
                for (int i = 0; i < 3; i++) {
                    sw.put(base + names[i] + "." + kind, Arrays.copyOfRange(v, i * part, (i + 1) * part), shape, TensorDtype.F32);
                }
                continue;
            }
            sw.put(prefix + hfName(k), v, e.getValue(), TensorDtype.F32);
        }
        sw.write(folder.resolve("model.safetensors"));
        String json = "{\n  \"model_type\": \"" + (c.numRegisterTokens() > 0 ? "dinov2_with_registers" : "dinov2") + "\",\n"
                + "  \"hidden_size\": " + d + ", \"num_channels\": 3, \"num_hidden_layers\": " + c.numLayers() + ", \"num_attention_heads\": "
                + c.numHeads() + ",\n  \"patch_size\": " + c.patchSize() + ", \"image_size\": " + c.imageSize()
                + ", \"mlp_ratio\": " + (c.feedForward() == FeedForwardKind.SWIGLU ? 4 : c.mlpHiddenSize() / d)
                + ",\n  \"layer_norm_eps\": " + c.layerNormEps() + ", \"hidden_act\": \"gelu\", \"qkv_bias\": true,"
                + " \"layerscale_value\": 1.0,\n  \"use_swiglu_ffn\": " + (c.feedForward() == FeedForwardKind.SWIGLU)
                + ", \"num_register_tokens\": " + c.numRegisterTokens() + "\n}\n";
        Files.writeString(folder.resolve("config.json"), json);
    }

    private static String layer(String k) {
        return k.split("\\.")[1];
    }

    static String hfName(String k) {
        return switch (k) {
            case "cls_token" -> "embeddings.cls_token";
            case "pos_embed" -> "embeddings.position_embeddings";
            case "register_tokens" -> "embeddings.register_tokens";
            case "patch_embed.proj.weight" -> "embeddings.patch_embeddings.projection.weight";
            case "patch_embed.proj.bias" -> "embeddings.patch_embeddings.projection.bias";
            case "norm.weight" -> "layernorm.weight";
            case "norm.bias" -> "layernorm.bias";
            default -> {
                String l = layer(k);
                String rest = k.substring(("blocks." + l + ".").length());
                String mapped = switch (rest) {
                    case "attn.proj.weight" -> "attention.output.dense.weight";
                    case "attn.proj.bias" -> "attention.output.dense.bias";
                    case "ls1.gamma" -> "layer_scale1.lambda1";
                    case "ls2.gamma" -> "layer_scale2.lambda1";
                    case "mlp.w12.weight" -> "mlp.weights_in.weight";
                    case "mlp.w12.bias" -> "mlp.weights_in.bias";
                    case "mlp.w3.weight" -> "mlp.weights_out.weight";
                    case "mlp.w3.bias" -> "mlp.weights_out.bias";
                    default -> rest;
                };
                yield "encoder.layer." + l + "." + mapped;
            }
        };
    }
}
