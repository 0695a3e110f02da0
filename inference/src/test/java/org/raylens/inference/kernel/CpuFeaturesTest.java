package org.raylens.inference.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bf16 capability is read from /proc/cpuinfo's flags: AVX-512-BF16 or AMX-BF16, nothing else counts. */
class CpuFeaturesTest {
    @Test
    void readsTheModelAndTheBf16Flags() {
        CpuFeatures epyc = CpuFeatures.parse("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu avx2 fma"
                + " avx512f\n\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: amx_bf16\n");
        assertEquals("AMD EPYC 7B13", epyc.model());
        assertFalse(epyc.nativeBf16(), "only the first processor's flags, and avx512f alone is no bf16");
        assertTrue(epyc.describe().contains("bf16: none"), epyc.describe());
        CpuFeatures xeon = CpuFeatures.parse("model name : Xeon\nflags : avx512f avx512_bf16 amx_bf16 avx2\n");
        assertTrue(xeon.nativeBf16());
        assertTrue(xeon.describe().contains("amx_bf16 avx512_bf16"), xeon.describe());
        assertFalse(CpuFeatures.parse("").nativeBf16());
        assertEquals("unknown", CpuFeatures.parse("").model());
    }
}
