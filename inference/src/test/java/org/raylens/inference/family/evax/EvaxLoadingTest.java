package org.raylens.inference.family.evax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.family.dinov2.Dinov2Family;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.weights.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small hand-made EVA-X checkpoints (2 blocks, D = 64, a 2×2 grid) in both block forms: which family ranks them,
 * the keys ignored with a note, MIM's norm → fc_norm, and a typed {@link ModelLoadException} listing the keys for a
 * missing key, an unexpected key and a wrong shape.
 */
class EvaxLoadingTest {
    private static final EvaxConfig PACKED = new EvaxConfig(64, 2, 1, 16, 32, 3, 32, false, 14, 1e-6);
    private static final EvaxConfig SUBLN = new EvaxConfig(64, 2, 1, 16, 32, 3, 32, true, 16, 1e-6);

    @TempDir
    Path tmp;

    /** The expected parameters with seeded values, plus what {@code extra} adds; {@code drop} left out. */
    private static Map<String, float[][]> tensors(EvaxConfig c, long seed) {
        Map<String, float[][]> m = new LinkedHashMap<>();
        EvaxRandomWeights w = new EvaxRandomWeights(c, seed);
        SplittableRandom r = new SplittableRandom(seed);
        for (Map.Entry<String, long[]> e : EvaxKeys.expected(c).entrySet()) {
            float[] v = w.floats(e.getKey());
            if (e.getKey().contains("norm") || e.getKey().contains("ffn_ln")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] += (float) (0.1 * (r.nextDouble() - 0.5)); // non-trivial LayerNorm affine
                }
            }
            m.put(e.getKey(), new float[][]{v, toFloats(e.getValue())});
        }
        return m;
    }

    private static float[] toFloats(long[] shape) {
        float[] f = new float[shape.length];
        for (int i = 0; i < shape.length; i++) {
            f[i] = shape[i];
        }
        return f;
    }

    private static long[] toLongs(float[] shape) {
        long[] l = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            l[i] = (long) shape[i];
        }
        return l;
    }

    private Path write(String name, Map<String, float[][]> tensors) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(name));
        SafetensorsWriter w = new SafetensorsWriter();
        tensors.forEach((k, v) -> w.put(k, v[0], toLongs(v[1])));
        w.write(folder.resolve("model.safetensors"));
        return folder;
    }

    private static FloatTensor image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[3 * 32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new FloatTensor(v, new long[]{1, 3, 32, 32});
    }

    private static EncoderOutput forward(Encoder e) {
        try (EncoderSession s = e.newSession()) {
            return s.forward(image(3), ForwardOptions.defaults());
        }
    }

    @Test
    void evaxNamesOutrankDinov2AndDinov2FoldersAreNotEvax() throws IOException {
        Path folder = write("packed", tensors(PACKED, 1));
        EncoderFamily evax = new EvaxFamily();
        assertEquals(EvaxFamily.WEIGHT_NAMES_MATCH, evax.supports(folder).score());
        assertTrue(evax.supports(folder).score() > new Dinov2Family().supports(folder).score(),
                "an EVA-X safetensors also has DINOv2-native names; EVA-X must win");
        try (Encoder e = Encoders.builder().folder(folder).build()) {
            assertEquals("evax", e.info().family());
        }
        Path dino = tmp.resolve("dino");
        new Dinov2Family().writeRandomFolder(dino, "tiny", 2);
        assertEquals(EncoderFamily.Support.CANNOT, evax.supports(dino).score(), evax.supports(dino).reason());
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"eva_x\"}");
        assertEquals(EvaxFamily.CONFIG_SAYS_EVAX, evax.supports(folder).score());
    }

    @Test
    void subLnFormLoadsAndRunsWithItsOwnRopeDefault() throws IOException {
        Path folder = write("subln", tensors(SUBLN, 2));
        try (EvaxModel e = (EvaxModel) Encoders.builder().folder(folder).build()) {
            assertEquals(SUBLN, e.config());
            EncoderOutput o = forward(e);
            assertArrayEquals(new long[]{1, 5, 64}, o.lastHiddenState().shape());
            assertArrayEquals(new long[]{1, 64}, o.pooledOutput().shape());
            assertTrue(String.join(";", e.provenance().notes()).contains("RoPE pt 16.0 (EVA-X's base default)"));
        }
    }

    @Test
    void ropeBuffersAndMimKeysAreIgnoredWithANoteAndMimNormBecomesFcNorm() throws IOException {
        Map<String, float[][]> t = tensors(PACKED, 4);
        Path plain = write("plain", t);
        Map<String, float[][]> mim = new LinkedHashMap<>(t);
        mim.put("norm.weight", mim.remove("fc_norm.weight"));
        mim.put("norm.bias", mim.remove("fc_norm.bias"));
        mim.put("mask_token", new float[][]{new float[64], {1, 1, 64}});
        mim.put("lm_head.weight", new float[][]{new float[64 * 8], {8, 64}});
        mim.put("lm_head.bias", new float[][]{new float[8], {8}});
        RotaryTables rope = RotaryTables.of(2, 2, 64, 14);
        for (String k : List.of("rope.freqs_cos", "blocks.0.attn.rope.freqs_cos", "blocks.1.attn.rope.freqs_cos")) {
            mim.put(k, new float[][]{rope.cos(), {4, 64}});
            mim.put(k.replace("cos", "sin"), new float[][]{rope.sin(), {4, 64}});
        }
        Path mimFolder = write("mim", mim);
        try (EvaxModel a = (EvaxModel) Encoders.builder().folder(plain).build();
             EvaxModel b = (EvaxModel) Encoders.builder().folder(mimFolder).build()) {
            String notes = String.join("; ", b.provenance().notes());
            assertTrue(notes.contains("6 RoPE buffers"), notes);
            assertTrue(notes.contains("MIM-only keys ignored: [lm_head.bias, lm_head.weight, mask_token]"), notes);
            assertTrue(notes.contains("norm.* is used as fc_norm.*"), notes);
            assertTrue(notes.contains("RoPE pt 14.0 read back"), notes);
            assertEquals(forward(a).pooledOutput(), forward(b).pooledOutput(), "norm.* must act as fc_norm.*");
            assertTrue(b.bundledHead().isEmpty());
        }
    }

    @Test
    void missingUnexpectedAndMisshapenKeysAreATypedErrorListingThem() throws IOException {
        Map<String, float[][]> t = tensors(PACKED, 5);
        t.remove("blocks.1.norm2.bias");
        t.put("blocks.0.attn.inner_attn_ln.weight", new float[][]{new float[64], {64}});
        t.put("blocks.0.mlp.w3.bias", new float[][]{new float[63], {63}});
        Path folder = write("broken", t);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Encoders.builder().folder(folder).build().close());
        assertEquals(List.of("blocks.1.norm2.bias"), e.missingKeys());
        assertEquals(List.of("blocks.0.attn.inner_attn_ln.weight"), e.unexpectedKeys());
        assertEquals(1, e.shapeMismatches().size());
        assertTrue(e.shapeMismatches().get(0).startsWith("blocks.0.mlp.w3.bias is [63]"), e.shapeMismatches().get(0));
    }

    @Test
    void aHeadWithoutItsBiasIsMissingAKey() throws IOException {
        Map<String, float[][]> t = tensors(PACKED, 6);
        t.put("head.weight", new float[][]{new float[14 * 64], {14, 64}});
        Path folder = write("halfhead", t);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Encoders.builder().family("evax").folder(folder).build().close());
        assertEquals(List.of("head.bias"), e.missingKeys());
    }

    @Test
    void configJsonDisagreeingWithTheTensorsIsRefused() throws IOException {
        Path folder = write("cfg", tensors(PACKED, 7));
        Files.writeString(folder.resolve("config.json"), "{\"factory\": \"eva02_tiny_patch16\", \"depth\": 12}");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Encoders.builder().folder(folder).build().close());
        assertTrue(e.getMessage().contains("depth 12 but the tensors say 2"), e.getMessage());
    }

    @Test
    void randomWeightsOfEveryArchitectureAreNamed() {
        assertEquals(List.of("evax-tiny", "evax-small", "evax-base"), EvaxFamily.architectures());
        assertFalse(EvaxFamily.architecture("rad-dino").isPresent());
        assertThrows(UnsupportedOperationException.class,
                () -> new EvaxFamily().randomWeights("rad-dino", 1, ComputeTarget.cpu()));
    }
}
