package org.raylens.inference.adapter;

import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderInfo;

/**
 * Which encoder an adapter's features come from: enough to refuse a wrong encoder (weights SHA-256) and to say in
 * words which one was meant (architecture, hidden size, patch size, register tokens).
 */
public record EncoderIdentity(String architecture, int hiddenSize, int patchSize, int registers, String weightsSha256) {
    /** What {@link org.raylens.inference.encoder.ModelProvenance} says when the weights were not hashed. */
    public static final String NOT_COMPUTED = "not computed";

    public EncoderIdentity {
        if (architecture == null || weightsSha256 == null) {
            throw new IllegalArgumentException("architecture and weightsSha256 are required");
        }
    }

    public static EncoderIdentity of(Encoder encoder) {
        EncoderInfo c = encoder.info();
        return new EncoderIdentity(c.architecture(), c.hiddenSize(), c.patchSize(), c.registers(),
                encoder.provenance().sha256());
    }

    /** True when the weights digest is a real SHA-256 (64 hex digits), not "not computed". */
    public boolean hasDigest() {
        return weightsSha256.matches("[0-9a-f]{64}");
    }

    public String describe() {
        return "sha256=" + weightsSha256 + " (" + architecture + ")";
    }
}
