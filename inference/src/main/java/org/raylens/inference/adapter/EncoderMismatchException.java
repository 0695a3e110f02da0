package org.raylens.inference.adapter;

import java.nio.file.Path;

/**
 * An adapter trained on one encoder offered another: its features would be meaningless there. The message says which
 * encoder (weights SHA-256, hidden size, patch size) the adapter was trained for and which one is loaded.
 */
public final class EncoderMismatchException extends AdapterFormatException {
    private final EncoderIdentity expected;
    private final EncoderIdentity actual;

    public EncoderMismatchException(Path location, EncoderIdentity expected, EncoderIdentity actual, String what) {
        super(location, "encoder", what + ": this adapter was trained for encoder " + expected.describe()
                + " but the loaded encoder is " + actual.describe() + "; load the encoder it was trained for, or"
                + " retrain the adapter with `raylens train-adapter` on this encoder");
        this.expected = expected;
        this.actual = actual;
    }

    public EncoderIdentity expected() {
        return expected;
    }

    public EncoderIdentity actual() {
        return actual;
    }
}
