package org.raylens.viewer.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Makes DICOM UIDs under the {@code 2.25} root, which PS3.5 §B.2 (after ISO/IEC 9834-8) reserves for UIDs derived
 * from a UUID written as one unsigned decimal integer. No organisation root has to be registered, and a random
 * 128-bit UUID is unique without coordination between installations, which is what a desktop tool that creates
 * files on many machines needs. The result is at most 44 characters, well inside the 64 a UI value may hold.
 */
public final class UidGenerator {
    private UidGenerator() {}

    /** The UID root for UUID-derived UIDs. */
    public static final String UUID_ROOT = "2.25.";

    /** A new random UID: {@code 2.25.} followed by a version-4 (SecureRandom) UUID as a decimal integer. */
    public static String random() {
        return fromUuid(UUID.randomUUID());
    }

    /**
     * A UID that is the same every time for the same name: a name-based (version 3) UUID of {@code name}. Used for
     * objects RayLens regenerates identically on every machine (the synthetic sample study), so that notes or model
     * outputs that cite a sample UID stay valid after the sample is regenerated.
     */
    public static String fromName(String name) {
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code 2.25.} followed by the UUID's 128 bits as an unsigned decimal integer. */
    public static String fromUuid(UUID uuid) {
        byte[] bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
        return UUID_ROOT + new BigInteger(1, bytes);
    }

    /** True when {@code uid} is a valid UID: 1–64 characters, numeric components without leading zeros. */
    public static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        for (String component : uid.split("\\.", -1)) {
            if (component.isEmpty() || !component.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (component.length() > 1 && component.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }
}
