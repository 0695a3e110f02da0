package org.raylens.inference.encoder;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeTargetTest {
    @Test
    void cpuIsAlwaysFloat32AndSaysSoWhenHalfWasAsked() {
        ComputeTarget t = ComputeTarget.resolve(false, Precision.BF16);
        assertTrue(t.isCpu());
        assertEquals(Precision.FP32, t.precision());
        assertTrue(t.message().contains("CUDA only"), t.message());
    }

    @Test
    void aGpuRequestWithoutAUsableGpuFallsBackWithAReason() {
        ComputeTarget t = ComputeTarget.resolve(true, Precision.FP16);
        if (TorchEngine.get().getGpuCount() == 0) {
            assertTrue(t.isCpu());
            assertEquals(Precision.FP32, t.precision());
            assertTrue(t.message().contains("no CUDA device"), t.message());
        } else {
            assertFalse(t.isCpu());
            assertEquals(Precision.FP16, t.precision());
        }
    }
}
