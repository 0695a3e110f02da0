package org.raylens.inference.family.evax;

import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.kernel.CpuFeatures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EVA-X has no bf16 fast mode: asked for one on the CPU it runs float32 and says so, instead of creating bf16
 * NDArrays (which end the JVM in DJL) or claiming bf16 in provenance.
 */
class EvaxPrecisionTest {
    @Test
    void cpuBf16FallsBackToFloat32AndProvenanceSaysFloat32() {
        ComputeTarget bf16 = ComputeTarget.cpu(Precision.BF16, CpuFeatures.detect());
        try (Encoder e = new EvaxFamily().randomWeights("evax-tiny", 3, bf16)) {
            assertEquals(Precision.FP32, e.target().precision());
            assertEquals(Precision.FP32, e.provenance().precision());
            assertTrue(e.target().message().contains("DINOv2-family encoders only"), e.target().message());
            int size = e.info().imageSize();
            FloatTensor in = new FloatTensor(new float[3 * size * size], new long[]{1, 3, size, size});
            try (var s = e.newSession()) {
                assertEquals(1, s.forward(in, ForwardOptions.defaults()).batch());
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
