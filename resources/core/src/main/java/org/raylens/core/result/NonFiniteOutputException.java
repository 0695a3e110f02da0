package org.raylens.core.result;

/**
 * A model output (the CLS, register or patch tokens of a forward, or an explanation map) holds NaN or infinity.
 * Weights are checked when they are read, so this means the input drove the arithmetic out of float32's range; the
 * result is refused rather than written as NaNs with a success status. An IllegalArgumentException because it is
 * the input that has to change, and so that every command's "bad input" handling reports it in one line.
 */
public final class NonFiniteOutputException extends IllegalArgumentException {
    private final String output;

    public NonFiniteOutputException(String output, int index, float value) {
        super(output + " holds " + value + " at element " + index + "; the result is refused (check the input's"
                + " value range)");
        this.output = output;
    }

    /** Which output, e.g. "CLS token of image 0" or "rollout map". */
    public String output() {
        return output;
    }

    /** Throws when {@code values[from, to)} holds a NaN or infinity. */
    public static void check(String output, float[] values, int from, int to) {
        int bad = org.raylens.core.numeric.FiniteCheck.firstNonFinite(values, from, to);
        if (bad >= 0) {
            throw new NonFiniteOutputException(output, bad - from, values[bad]);
        }
    }
}
