package org.raylens.inference.bench;

import org.junit.jupiter.api.Test;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.Dinov2Model;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlopCountTest {
    @Test
    void vitB14At518IsAbout302Gflop() {
        // per layer at N = 1370: qkv 2·N·D·3D + attention 4·N²·D + proj 2·N·D² + MLP 4·N·D·4D; plus the patch embedding
        long n = 1370;
        long d = 768;
        double layer = 2.0 * n * d * 3 * d + 4.0 * n * n * d + 2.0 * n * d * d + 4.0 * n * d * 3072;
        double expected = 12 * layer + 2.0 * 1369 * d * 3 * 14 * 14;
        double counted = FlopCount.perImage(Dinov2Model.info(Dinov2Config.radDino()), 518, 518);
        assertEquals(expected, counted, 1.0);
        assertEquals(303.1e9, counted, 0.1e9);
    }
}
