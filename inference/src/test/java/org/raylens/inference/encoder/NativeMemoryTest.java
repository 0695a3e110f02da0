package org.raylens.inference.encoder;

import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.EncoderPredictor;

import org.junit.jupiter.api.Test;
import org.raylens.inference.bench.ProcessMemory;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 200 forwards must not grow native memory: every temporary NDArray is freed when its scope closes. */
class NativeMemoryTest {
    @Test
    void twoHundredForwardsLeaveNoArraysBehind() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(2, FeedForwardKind.MLP_GELU, true);
        try (Dinov2Encoder enc = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, new SyntheticWeights(c, 1));
             EncoderPredictor p = enc.newPredictor()) {
            int weights = enc.liveArrayCount();
            // a larger input than the native grid exercises interpolation and gives each forward ~1 MB of temporaries
            FloatTensor x = new FloatTensor(new float[2 * 3 * 70 * 70], new long[]{2, 3, 70, 70});
            ForwardOptions opts = new ForwardOptions(Set.of(1), true, PositionEmbeddingInterpolation.DINOV2);
            for (int i = 0; i < 10; i++) {
                p.forward(x, opts);
            }
            long rssBefore = ProcessMemory.currentRss().orElse(0);
            for (int i = 0; i < 200; i++) {
                p.forward(x, opts);
            }
            long rssAfter = ProcessMemory.currentRss().orElse(0);
            assertEquals(weights, enc.liveArrayCount(), "arrays left in the encoder's managers after 210 forwards");
            // 200 leaked forwards would hold ≥ 200 MB; allow allocator noise well below that
            assertTrue(rssAfter - rssBefore < 64L * 1024 * 1024,
                    "RSS grew by " + (rssAfter - rssBefore) / 1024 / 1024 + " MB over 200 forwards");
        }
    }
}
