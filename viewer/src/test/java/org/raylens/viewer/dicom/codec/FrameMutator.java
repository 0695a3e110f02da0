package org.raylens.viewer.dicom.codec;

import java.util.Arrays;
import java.util.Random;

/** Mutations of a compressed frame for fuzzing, biased towards the bytes that steer a decoder. */
final class FrameMutator {

    private FrameMutator() {
    }

    static byte[] mutate(byte[] frame, Random rnd) {
        byte[] b = frame.clone();
        int kind = rnd.nextInt(8);
        switch (kind) {
            case 0 -> { // a few bit flips anywhere
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                    int i = rnd.nextInt(b.length);
                    b[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncation
            case 2 -> { // byte overwrites with extreme values
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    b[rnd.nextInt(b.length)] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
                }
            }
            case 3 -> { // damage the header: the first 64 bytes hold SOF/SOS/LSE/DHT or SIZ/COD or the RLE offsets
                int span = Math.min(b.length, 64 + rnd.nextInt(200));
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
                }
            }
            case 4 -> b = markerSegmentDamage(b, rnd);
            case 5 -> { // delete a run of bytes
                int at = rnd.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + rnd.nextInt(16));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                b = c;
            }
            case 6 -> { // insert random bytes (shifts all later data, breaks entropy decoding and runs)
                int at = rnd.nextInt(b.length + 1);
                int len = 1 + rnd.nextInt(16);
                byte[] c = new byte[b.length + len];
                System.arraycopy(b, 0, c, 0, at);
                for (int k = 0; k < len; k++) {
                    c[at + k] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(b, at, c, at + len, b.length - at);
                b = c;
            }
            default -> { // scramble a window of entropy-coded data (JPEG-LS run lengths, Huffman codes, J2K packets)
                int at = rnd.nextInt(b.length);
                for (int k = 0; k < 8 && at + k < b.length; k++) {
                    b[at + k] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }

    /** Overwrites a byte inside a marker segment (0xFF followed by a marker code), where lengths and sizes live. */
    private static byte[] markerSegmentDamage(byte[] b, Random rnd) {
        int[] markers = new int[64];
        int n = 0;
        for (int i = 0; i + 1 < b.length && n < markers.length; i++) {
            int m = b[i + 1] & 0xFF;
            if ((b[i] & 0xFF) == 0xFF && m != 0 && m != 0xFF && (i < 1024 || m >= 0xD0 && m <= 0xD9)) {
                markers[n++] = i;
            }
        }
        if (n == 0) {
            b[rnd.nextInt(b.length)] ^= (byte) 0xFF;
            return b;
        }
        int at = markers[rnd.nextInt(n)] + 2 + rnd.nextInt(12);
        if (at < b.length) {
            int[] values = {0, 1, 0x7F, 0x80, 0xFF, rnd.nextInt(256)};
            b[at] = (byte) values[rnd.nextInt(values.length)];
        }
        return b;
    }
}
