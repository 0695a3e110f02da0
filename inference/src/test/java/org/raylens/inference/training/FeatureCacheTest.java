package org.raylens.inference.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.weights.HalfFloats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fp16 round trip, keys that separate encoders and recipes, patch tokens only when stored, damaged files ignored. */
class FeatureCacheTest {
    @TempDir
    Path tmp;

    private static float fp16(float v) {
        return HalfFloats.halfToFloat(HalfFloats.floatToHalf(v));
    }

    @Test
    void roundTripAndPatchRequirement() throws IOException {
        FeatureCache cache = new FeatureCache(tmp);
        float[] cls = {0.1f, -2.5f, 3.14159f};
        float[] mean = {1f, 2f, 3f};
        float[] patches = new float[2 * 2 * 3];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = i * 0.3f - 1;
        }
        String withPatches = FeatureCache.key("a".repeat(64), "b".repeat(64), "recipe");
        String clsOnly = FeatureCache.key("c".repeat(64), "b".repeat(64), "recipe");
        cache.put(withPatches, ImageFeatures.of(cls, mean, patches, 2, 2));
        cache.put(clsOnly, ImageFeatures.of(cls, mean, null, 2, 2));
        ImageFeatures f = cache.get(withPatches, true).orElseThrow();
        for (int i = 0; i < cls.length; i++) {
            assertEquals(fp16(cls[i]), f.cls()[i]);
        }
        assertArrayEquals(mean, f.meanPatch());
        assertEquals(fp16(patches[5]), f.patches()[5]);
        assertTrue(cache.get(clsOnly, false).isPresent());
        assertTrue(cache.get(clsOnly, true).isEmpty(), "an entry without patch tokens cannot serve a patch adapter");
    }

    @Test
    void keysSeparateImageEncoderAndRecipe() {
        String k = FeatureCache.key("a", "w", "r");
        assertNotEquals(k, FeatureCache.key("b", "w", "r"));
        assertNotEquals(k, FeatureCache.key("a", "v", "r"));
        assertNotEquals(k, FeatureCache.key("a", "w", "s"));
    }

    @Test
    void damagedEntriesAreMisses() throws IOException {
        FeatureCache cache = new FeatureCache(tmp);
        String key = FeatureCache.key("x", "y", "z");
        cache.put(key, ImageFeatures.of(new float[4], new float[4], null, 1, 1));
        Path file;
        try (var s = Files.walk(tmp)) {
            file = s.filter(p -> p.toString().endsWith(".f16")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertTrue(cache.get(key, false).isEmpty(), "truncated");
        Files.writeString(file, "garbage");
        assertTrue(cache.get(key, false).isEmpty(), "not a feature file");
    }
}
