package org.raylens.viewer.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Default thresholds and derived values of ISO 14495-1 C.2.4.1.1 and A.2.1, worked out by hand. */
class JpegLsParametersTest {

    @ParameterizedTest(name = "P={0} NEAR={1}: T={2}/{3}/{4}, RANGE {5}, qbpp {6}, LIMIT {7}")
    @CsvSource({
        "8, 0, 3, 7, 21, 256, 8, 32",
        "8, 2, 9, 17, 35, 52, 6, 32",
        "12, 0, 18, 67, 276, 4096, 12, 48",
        "16, 0, 18, 67, 276, 65536, 16, 64",
        "16, 3, 27, 82, 297, 9364, 14, 64",
        "7, 0, 2, 3, 10, 128, 7, 30",
        "2, 0, 2, 3, 3, 4, 2, 20",
        "2, 1, 3, 3, 3, 2, 1, 20"})
    void defaultsMatchTheStandard(int precision, int near, int t1, int t2, int t3, int range, int qbpp, int limit) {
        JpegLsParameters p = JpegLsParameters.resolve(precision, near, 0, 0, 0, 0, 0);
        assertEquals(t1, p.t1(), "T1");
        assertEquals(t2, p.t2(), "T2");
        assertEquals(t3, p.t3(), "T3");
        assertEquals(range, p.range(), "RANGE");
        assertEquals(qbpp, p.qbpp(), "qbpp");
        assertEquals(limit, p.limit(), "LIMIT");
        assertEquals(64, p.reset());
    }

    @ParameterizedTest(name = "LSE MAXVAL {0}, T {1}/{2}/{3}, RESET {4} valid: {5}")
    @CsvSource({"4095, 5, 20, 70, 32, true", "4095, 30, 20, 70, 32, false", "4095, 5, 20, 5000, 32, false",
        "1000, 0, 0, 0, 0, true", "4095, 5, 20, 70, 2, false"})
    void presetParametersOverrideDefaultsAndAreValidated(int maxVal, int t1, int t2, int t3, int reset,
            boolean valid) {
        JpegLsParameters p = JpegLsParameters.resolve(12, 0, maxVal, t1, t2, t3, reset);
        assertEquals(maxVal, p.maxVal());
        if (t1 != 0) {
            assertEquals(t1, p.t1());
        }
        if (valid) {
            assertTrue(p.valid());
        } else {
            assertFalse(p.valid());
        }
    }
}
