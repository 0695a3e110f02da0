package org.raylens.inference.model;

import org.raylens.inference.family.dinov2.Dinov2Checkpoint;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.family.dinov2.WeightNaming;

import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.family.dinov2.EncoderPredictor;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.testsupport.SyntheticCheckpoints;
import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.SafetensorsWriter;
import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointLoadingTest {
    @TempDir
    Path tmp;

    private static FloatTensor input(int b, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[b * 3 * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new FloatTensor(v, new long[]{b, 3, h, w});
    }

    private static float[] run(Dinov2Checkpoint cp, FloatTensor x) throws IOException {
        try (Dinov2Encoder e = Dinov2Encoder.load(cp, ComputeTarget.cpu()); EncoderPredictor p = e.newPredictor()) {
            EncoderOutput o = p.forward(x, ForwardOptions.defaults());
            return o.lastHiddenState().data();
        }
    }

    @Test
    void bothNamingsOfTheSameWeightsGiveTheSameForward() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(2, FeedForwardKind.SWIGLU, true);
        SyntheticWeights w = new SyntheticWeights(c, 11);
        SyntheticCheckpoints.writeHf(tmp.resolve("hf"), c, w, "dinov2.");
        SyntheticCheckpoints.writeNative(tmp.resolve("native"), c, w, TensorDtype.F32);
        FloatTensor x = input(2, 42, 56, 3);
        try (Dinov2Checkpoint hf = Dinov2Checkpoint.open(tmp.resolve("hf"), LoadOptions.defaults(), new WeightsIdentity(null));
             Dinov2Checkpoint nat = Dinov2Checkpoint.open(tmp.resolve("native"), LoadOptions.defaults().withHeads(2), null)) {
            assertEquals(WeightNaming.HF, hf.naming());
            assertEquals(WeightNaming.DINOV2_NATIVE, nat.naming());
            assertEquals(c, hf.config());
            assertEquals(c, nat.config());
            assertEquals(64, hf.sha256().orElseThrow().length());
            assertArrayEquals(run(hf, x), run(nat, x), "fused q|k|v from HF names must equal the native qkv");
        }
    }

    @Test
    void nativeArchitectureIsInferredButTheHeadCountIsNeverGuessed() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, false);
        SyntheticCheckpoints.writeNative(tmp, c, new SyntheticWeights(c, 5), TensorDtype.F32);
        // before: loaded as one head (D=32 < 64 "by the DINOv2 convention") although the model has two
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        assertEquals("num_attention_heads", e.key());
        assertTrue(e.getMessage().contains("--heads"), e.getMessage());
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(tmp, LoadOptions.defaults().withHeads(2), null)) {
            assertEquals(c, cp.config());
            assertTrue(cp.notes().stream().anyMatch(n -> n.contains("heads = 2") && n.contains("caller")), cp.notes().toString());
            assertTrue(cp.preprocessor().isEmpty());
        }
    }

    @Test
    void halfPrecisionWeightsLoadAsFloat32() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        SyntheticWeights w = new SyntheticWeights(c, 9);
        SyntheticCheckpoints.writeNative(tmp.resolve("f32"), c, w, TensorDtype.F32);
        SyntheticCheckpoints.writeNative(tmp.resolve("bf16"), c, w, TensorDtype.BF16);
        FloatTensor x = input(1, 42, 42, 1);
        try (Dinov2Checkpoint a = Dinov2Checkpoint.open(tmp.resolve("f32"), LoadOptions.defaults().withHeads(2), null);
             Dinov2Checkpoint b = Dinov2Checkpoint.open(tmp.resolve("bf16"), LoadOptions.defaults().withHeads(2), null)) {
            assertTrue(b.notes().stream().anyMatch(n -> n.contains("BF16")), b.notes().toString());
            float[] ya = run(a, x);
            float[] yb = run(b, x);
            double max = 0;
            for (int i = 0; i < ya.length; i++) {
                max = Math.max(max, Math.abs(ya[i] - yb[i]));
            }
            assertTrue(max > 0 && max < 0.1, "bf16 weights should be close but not identical: " + max);
        }
    }

    @Test
    void missingUnexpectedAndMisshapenKeysAreReportedByName() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        SyntheticCheckpoints.writeHf(tmp, c, new SyntheticWeights(c, 2), "");
        Path st = tmp.resolve("model.safetensors");
        SafetensorsWriter sw = new SafetensorsWriter();
        try (SafetensorsReader r = SafetensorsReader.open(st)) {
            for (String n : r.names()) {
                if (n.equals("encoder.layer.1.norm2.bias") || n.equals("encoder.layer.0.attention.attention.key.weight")) {
                    continue;
                }
                float[] v = r.readFloats(n);
                long[] shape = r.info(n).shape();
                if (n.equals("layernorm.weight")) {
                    v = new float[v.length + 1];
                    shape = new long[]{v.length};
                }
                sw.put(n, v, shape, TensorDtype.F32);
            }
        }
        sw.put("classifier.weight", new float[4], 2, 2);
        sw.write(st);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        assertTrue(e.missingKeys().contains("blocks.1.norm2.bias"), e.getMessage());
        assertTrue(e.missingKeys().stream().anyMatch(k -> k.contains("blocks.0.attn.qkv.weight (key part)")), e.getMessage());
        assertTrue(e.unexpectedKeys().contains("classifier.weight"), e.getMessage());
        assertTrue(e.shapeMismatches().stream().anyMatch(s -> s.startsWith("layernorm.weight is [33]")), e.getMessage());
    }

    @Test
    void configEpsIsReadNeverDefaultedWhenStated() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        SyntheticCheckpoints.writeHf(tmp, c, new SyntheticWeights(c, 2), "");
        assertEquals(1e-6, Dinov2Config.fromJson(tmp.resolve("config.json")).layerNormEps());
        String json = Files.readString(tmp.resolve("config.json")).replace("\"layer_norm_eps\": 1.0E-6,", "");
        Files.writeString(tmp.resolve("config.json"), json);
        assertEquals(1e-12, Dinov2Config.fromJson(tmp.resolve("config.json")).layerNormEps(), "HF's class default");
        Files.writeString(tmp.resolve("config.json"), json.replace("\"gelu\"", "\"relu\""));
        assertThrows(ModelLoadException.class, () -> Dinov2Config.fromJson(tmp.resolve("config.json")));
    }

    @Test
    void aSyntheticFolderSaysSoThroughItsConfigOrItsWeightsHeader() throws IOException {
        Path synthetic = tmp.resolve("synthetic");
        SyntheticModelFolder.write(synthetic, SyntheticModelFolder.tinyGeometry(), 5);
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(synthetic, LoadOptions.defaults(), null)) {
            assertTrue(cp.synthetic());
            assertTrue(cp.notes().stream().anyMatch(n -> n.contains("random weights")), cp.notes().toString());
        }
        // Only the config field: still marked (a folder whose weights were re-saved by another tool).
        Path configOnly = tmp.resolve("config-only");
        Files.createDirectories(configOnly);
        Files.copy(synthetic.resolve("config.json"), configOnly.resolve("config.json"));
        SafetensorsWriter sw = new SafetensorsWriter();
        try (SafetensorsReader r = SafetensorsReader.open(synthetic.resolve("model.safetensors"))) {
            for (String name : r.names()) {
                var t = r.tensors().get(name);
                sw.put(name, r.readFloats(name), t.shape(), TensorDtype.F32);
            }
        }
        sw.write(configOnly.resolve("model.safetensors"));
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(configOnly, LoadOptions.defaults(), null)) {
            assertTrue(cp.synthetic());
        }
        // The same weights without either mark: a model like any other (its head count now given, as it must be).
        Files.delete(configOnly.resolve("config.json"));
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(configOnly, LoadOptions.defaults().withHeads(2), null)) {
            assertFalse(cp.synthetic());
        }
    }

    @Test
    void aFolderWithoutDinov2WeightsIsATypedError() throws IOException {
        new SafetensorsWriter().put("fc.weight", new float[4], 2, 2).write(tmp.resolve("model.safetensors"));
        assertThrows(ModelLoadException.class, () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThrows(ModelLoadException.class, () -> Dinov2Checkpoint.open(empty, LoadOptions.defaults(), null));
    }

    @Test
    void swigluWidthFollowsHfsFormula() {
        assertEquals(2048, Dinov2Config.swigluHidden(768, 4.0)); // (int(3072·2/3) + 7) // 8 · 8
        assertEquals(88, Dinov2Config.swigluHidden(32, 4.0));
    }
}
