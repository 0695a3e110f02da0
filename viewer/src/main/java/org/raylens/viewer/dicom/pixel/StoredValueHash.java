package org.raylens.viewer.dicom.pixel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.codec.PixelDescription;

/**
 * SHA-256 of decoded stored values in the conformance manifest's convention (what pydicom's {@code pixel_array}
 * hashes to): each value written little endian in the width numpy would use — 1 byte for 1 and 8 bits allocated,
 * 2 for 16, 4 for 32 (signedness does not change the bytes of a two's-complement value) — frames concatenated,
 * samples interleaved, no LUT or colour conversion applied.
 */
public final class StoredValueHash {
    private StoredValueHash() {}

    /** Hashes every frame of {@code pixels}, reading them one at a time. */
    public static String sha256(DicomPixels pixels) throws DicomException {
        MessageDigest digest = newDigest();
        int width = bytesPerValue(pixels.description());
        for (int i = 0; i < pixels.frameCount(); i++) {
            update(digest, pixels.readFrame(i), width);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hashes values already decoded, one array per frame in frame order. */
    public static String sha256(PixelDescription description, int[]... frames) {
        MessageDigest digest = newDigest();
        int width = bytesPerValue(description);
        for (int[] frame : frames) {
            update(digest, frame, width);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static int bytesPerValue(PixelDescription d) {
        return d.bitsAllocated() <= 8 ? 1 : d.bitsAllocated() / 8;
    }

    private static void update(MessageDigest digest, int[] values, int width) {
        byte[] buffer = new byte[Math.min(values.length, 1 << 16) * width];
        int n = 0;
        for (int v : values) {
            for (int b = 0; b < width; b++) {
                buffer[n++] = (byte) (v >>> (8 * b));
            }
            if (n == buffer.length) {
                digest.update(buffer, 0, n);
                n = 0;
            }
        }
        digest.update(buffer, 0, n);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
