package org.raylens.inference.encoder;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A named output's activation by hand, and names that could escape an output folder refused. */
class ModelOutputTest {
    @Test
    void activationsByHand() {
        float[] logits = {0f, (float) Math.log(3), 1000f};
        assertArrayEquals(new float[]{0.5f, 0.75f, 1f}, ModelOutput.Activation.SIGMOID.apply(logits), 1e-6f);
        // softmax of (0, ln 3) = (1/4, 3/4); the large logit does not overflow
        assertArrayEquals(new float[]{0.25f, 0.75f}, ModelOutput.Activation.SOFTMAX.apply(new float[]{0f,
                (float) Math.log(3)}), 1e-6f);
        assertArrayEquals(new float[]{0f, 0f, 1f}, ModelOutput.Activation.SOFTMAX.apply(logits), 1e-6f);
        assertArrayEquals(logits, ModelOutput.Activation.NONE.apply(logits));
        assertEquals("patch-tokens", ModelOutput.Kind.PATCH_TOKENS.key());
    }

    @Test
    void namesThatAreNotPlainFileNamesAreRefused() {
        for (String bad : new String[]{"../x", "a/b", ".hidden", "", "a..b", "x".repeat(65)}) {
            assertThrows(IllegalArgumentException.class, () -> new ModelOutput(bad, ModelOutput.Kind.LOGITS,
                    new long[]{1, 2}, List.of(), ModelOutput.Activation.NONE), bad);
        }
        assertEquals(2, new ModelOutput("logits.v2", ModelOutput.Kind.LOGITS, new long[]{1, 2}, List.of(),
                ModelOutput.Activation.NONE).perImage());
    }
}
