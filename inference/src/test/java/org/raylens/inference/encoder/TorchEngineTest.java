package org.raylens.inference.encoder;

import org.raylens.inference.family.dinov2.Dinov2Encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.family.dinov2.SyntheticWeights;

/** libtorch's thread count is the composition root's choice: building an encoder must leave it as configured. */
class TorchEngineTest {

    @Test
    void buildingAnEncoderKeepsTheConfiguredThreadCount() throws Exception {
        TorchEngine.get();
        int before = JniUtils.getNumThreads();
        try {
            TorchEngine.configure(1);
            assertEquals(1, JniUtils.getNumThreads());
            Dinov2Config tiny = SyntheticModelFolder.tinyGeometry();
            try (Dinov2Encoder e = Dinov2Encoder.build(tiny, ComputeTarget.cpu(), null, new SyntheticWeights(tiny, 7))) {
                assertEquals(1, JniUtils.getNumThreads(), "the encoder changed libtorch's process-wide threads");
            }
            TorchEngine.configure(0);
            assertEquals(Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads());
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void negativeThreadCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TorchEngine.configure(-1));
    }
}
