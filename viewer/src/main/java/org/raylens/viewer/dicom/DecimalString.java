package org.raylens.viewer.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats doubles as DICOM DS values: at most 16 characters, as precise as fits, no exponent when avoidable. */
final class DecimalString {
    private DecimalString() {}

    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DS cannot hold " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        for (int digits = 15; digits > 0; digits--) {
            String s = new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toString();
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("DS cannot hold " + value);
    }
}
