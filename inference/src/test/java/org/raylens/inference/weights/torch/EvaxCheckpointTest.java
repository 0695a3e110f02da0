package org.raylens.inference.weights.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.raylens.inference.testsupport.SharedData;
import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.TensorInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The EVA-X-Ti golden checkpoint saved by torch 1.13 ({@code {"model": state_dict}}, zip format, the 13 copies of each
 * RoPE buffer sharing one storage) read by {@link TorchCheckpoint} equals its safetensors copy bit for bit.
 */
class EvaxCheckpointTest {
    private static Path weights(String file) {
        Path p = SharedData.golden().map(g -> g.resolve("evax/evax_tiny/weights/" + file)).orElse(null);
        assumeTrue(p != null && Files.isRegularFile(p), "../shared/golden/evax is absent; EVA-X checkpoint test skipped");
        return p;
    }

    @Test
    void everyTensorEqualsTheSafetensorsCopyBitForBit() throws Exception {
        Path pth = weights("evax_tiny.pth");
        Path st = weights("evax_tiny.safetensors");
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(pth, UnpicklePolicy.STRICT);
             SafetensorsReader ref = SafetensorsReader.open(st)) {
            TorchStateDict sd = ckpt.stateDict();
            assertEquals("model", sd.source());
            assertEquals(190, sd.names().size());
            assertEquals(ref.names(), Set.copyOf(sd.names()));
            for (String name : sd.names()) {
                TensorInfo expected = ref.info(name);
                TorchTensorInfo actual = sd.info(name);
                assertEquals(expected.dtype(), actual.dtype(), name);
                assertArrayEquals(expected.shape(), actual.shape(), name);
                float[] a = sd.readFloats(name);
                float[] e = ref.readFloats(name);
                assertEquals(e.length, a.length, name);
                for (int i = 0; i < e.length; i++) {
                    if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                        throw new AssertionError(name + "[" + i + "]: " + a[i] + " != " + e[i]);
                    }
                }
            }
        }
    }

    @Test
    void theThirteenRopeCopiesResolveToOneStorage() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(weights("evax_tiny.pth"))) {
            TorchStateDict sd = ckpt.stateDict();
            Set<String> cosKeys = new HashSet<>();
            Set<String> sinKeys = new HashSet<>();
            int copies = 0;
            for (String name : sd.names()) {
                if (name.endsWith("rope.freqs_cos")) {
                    cosKeys.add(sd.info(name).storageKey());
                    copies++;
                } else if (name.endsWith("rope.freqs_sin")) {
                    sinKeys.add(sd.info(name).storageKey());
                }
            }
            assertEquals(13, copies);
            assertEquals(1, cosKeys.size());
            assertEquals(1, sinKeys.size());
            assertTrue(sd.sharesStorage("rope.freqs_cos", "blocks.11.attn.rope.freqs_cos"));
            assertArrayEquals(sd.readFloats("rope.freqs_cos"), sd.readFloats("blocks.5.attn.rope.freqs_cos"));
        }
    }
}
