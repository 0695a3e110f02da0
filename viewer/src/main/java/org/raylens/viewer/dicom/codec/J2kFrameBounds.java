package org.raylens.viewer.dicom.codec;

import java.util.Arrays;

/**
 * Finds a JPEG 2000 frame's codestream by its markers when the fragments hold more than the codestream: a few bytes
 * of padding or garbage before the SOC marker (FF4F FF51), or after the EOC marker (FFD9). GDCM-written and other
 * damaged files carry both; the decoders need the codestream alone. A frame that already starts with SOC or a JP2
 * signature box is returned as it is.
 */
final class J2kFrameBounds {
    /** How far into the frame a late SOC is looked for: padding, not a second image. */
    static final int MAX_LEADING = 64;
    /** How many bytes after the last EOC are dropped as trailing garbage. */
    static final int MAX_TRAILING = 16;

    private J2kFrameBounds() {}

    /** The codestream within {@code frame}: the frame itself, or a trimmed copy. */
    static byte[] codestream(byte[] frame) {
        int start = startsWell(frame, 0) ? 0 : findSoc(frame);
        if (start < 0) {
            return frame; // no codestream found: let the header parser report what is there
        }
        int end = frame.length;
        if (!isJp2(frame, start)) {
            end = endAfterEoc(frame, start);
        }
        return start == 0 && end == frame.length ? frame : Arrays.copyOfRange(frame, start, end);
    }

    private static boolean startsWell(byte[] b, int at) {
        return isSocSiz(b, at) || isJp2(b, at);
    }

    private static int findSoc(byte[] b) {
        for (int i = 1; i <= Math.min(MAX_LEADING, b.length - 4); i++) {
            if (isSocSiz(b, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Just past the last EOC within the final {@link #MAX_TRAILING} bytes, or the frame's end when none. */
    private static int endAfterEoc(byte[] b, int start) {
        if (b.length - start >= 2 && (b[b.length - 2] & 0xFF) == 0xFF && (b[b.length - 1] & 0xFF) == 0xD9) {
            return b.length;
        }
        for (int i = b.length - 3; i >= Math.max(start, b.length - 2 - MAX_TRAILING); i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return i + 2;
            }
        }
        return b.length;
    }

    private static boolean isSocSiz(byte[] b, int at) {
        return at + 4 <= b.length && (b[at] & 0xFF) == 0xFF && (b[at + 1] & 0xFF) == 0x4F
                && (b[at + 2] & 0xFF) == 0xFF && (b[at + 3] & 0xFF) == 0x51;
    }

    private static boolean isJp2(byte[] b, int at) {
        return at + 8 <= b.length && b[at] == 0 && b[at + 1] == 0 && b[at + 2] == 0 && b[at + 3] == 0x0C
                && b[at + 4] == 'j' && b[at + 5] == 'P';
    }
}
