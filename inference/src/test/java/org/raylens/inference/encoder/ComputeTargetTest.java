package org.raylens.inference.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import org.raylens.inference.kernel.CpuFeatures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeTargetTest {
    private static final CpuFeatures AVX2 = CpuFeatures.parse("model name : AMD EPYC\nflags : fpu avx2 fma\n");
    private static final CpuFeatures AMX = CpuFeatures.parse("model name : Intel Xeon\nflags : avx512f avx512_bf16 amx_bf16\n");

    @Test
    void cpuFp16FallsBackToFloat32AndSaysSo() {
        ComputeTarget t = ComputeTarget.resolve(false, Precision.FP16, AVX2);
        assertTrue(t.isCpu());
        assertEquals(Precision.FP32, t.precision());
        assertTrue(t.message().contains("CUDA only"), t.message());
    }

    @Test
    void cpuBf16IsTheFastModeWithFloat32TensorsAndWarnsWhereBf16IsNotNative() {
        ComputeTarget emulated = ComputeTarget.resolve(false, Precision.BF16, AVX2);
        assertEquals(Precision.BF16, emulated.precision());
        assertTrue(emulated.cpuBf16());
        assertEquals(DataType.FLOAT32, emulated.tensorType(), "a bf16 NDArray would end the JVM");
        assertTrue(emulated.message().contains("bf16") && emulated.message().contains("slower"), emulated.message());
        ComputeTarget fast = ComputeTarget.resolve(false, Precision.BF16, AMX);
        assertTrue(fast.cpuBf16());
        assertFalse(fast.message().contains("slower"), fast.message());
        assertFalse(ComputeTarget.cpu().cpuBf16());
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

    @Test
    void theBuildersPrecisionOnTheCpuGivesTheFastModeWithItsOwnMessage() throws Exception {
        try (Encoder e = Encoders.builder().family("dinov2").architecture("tiny").randomWeights(1)
                .device(ComputeTarget.cpu()).precision(Precision.BF16).build()) {
            assertEquals(Precision.BF16, e.target().precision());
            assertEquals(Precision.BF16, e.provenance().precision());
            assertTrue(e.target().message().contains("bf16"), e.target().message());
            assertTrue(e.provenance().oneLine().contains("precision=bf16"), e.provenance().oneLine());
        }
    }
}
