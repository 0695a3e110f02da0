package org.raylens.inference.encoder;

import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.EncoderPredictor;

import org.raylens.core.result.NonFiniteOutputException;

import org.junit.jupiter.api.Test;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A forward or a map whose values are not finite is refused, naming the output, instead of returning NaNs. */
class NonFiniteOutputTest {
    private static Dinov2Encoder tiny() throws IOException {
        Dinov2Config c = SyntheticModelFolder.tinyGeometry();
        SyntheticWeights w = new SyntheticWeights(c, 4);
        return Dinov2Encoder.build(c, ComputeTarget.cpu(), null, w::get);
    }

    @Test
    void anInputThatOverflowsTheArithmeticIsRefusedNamingTheToken() throws IOException {
        try (Dinov2Encoder e = tiny(); EncoderPredictor p = e.newPredictor()) {
            float[] ok = new float[3 * 56 * 56];
            Arrays.fill(ok, 0.25f);
            assertEquals(32, p.forward(new FloatTensor(ok, new long[]{1, 3, 56, 56}), ForwardOptions.defaults())
                    .pooler(0).length);
            float[] huge = new float[3 * 56 * 56];
            Arrays.fill(huge, Float.MAX_VALUE); // finite, but the patch embedding's sums overflow to infinity
            NonFiniteOutputException x = assertThrows(NonFiniteOutputException.class, () ->
                    p.forward(new FloatTensor(huge, new long[]{1, 3, 56, 56}), ForwardOptions.defaults()));
            assertTrue(x.output().contains("image 0"), x.getMessage());
        }
    }

    @Test
    void aNonFiniteInputIsRefusedBeforeTheForward() throws IOException {
        try (Dinov2Encoder e = tiny(); EncoderPredictor p = e.newPredictor()) {
            float[] v = new float[3 * 56 * 56];
            v[100] = Float.NaN;
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () ->
                    p.forward(new FloatTensor(v, new long[]{1, 3, 56, 56}), ForwardOptions.defaults()));
            assertTrue(x.getMessage().contains("element 100"), x.getMessage());
        }
    }

    @Test
    void aMapWithNanValuesIsRefused() {
        MapGeometry g = MapGeometry.identity(28, 28, 14);
        float[] v = {0.1f, 0.2f, Float.NaN, 0.4f};
        NonFiniteOutputException x = assertThrows(NonFiniteOutputException.class,
                () -> new PatchMap("rollout", "", 2, 2, 1, v, g, "test"));
        assertEquals("rollout map", x.output());
    }
}
