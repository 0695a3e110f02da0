package org.raylens.viewer.dicom.codec;

import java.io.ByteArrayOutputStream;

/**
 * A minimal lossless JPEG (process 14) encoder for tests, so that predictors, point transforms and restart
 * intervals that dcmtk never writes can be checked against two independent decoders (RayLens's and TwelveMonkeys').
 * One fixed Huffman table with codes for all 17 difference categories.
 */
final class LosslessJpegTestEncoder {

    /** Code lengths: one code of 2 bits, five of 3, then one each of 4…14 bits (Kraft sum 1 − 2^−14). */
    private static final int[] COUNTS = {0, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
    private static final int[] SYMBOLS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    private final int[] code = new int[17];
    private final int[] length = new int[17];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long acc;
    private int accBits;

    LosslessJpegTestEncoder() {
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < COUNTS[len - 1]; i++) {
                code[SYMBOLS[k]] = c++;
                length[SYMBOLS[k]] = len;
                k++;
            }
            c <<= 1;
        }
    }

    /**
     * Encodes pixel-interleaved samples (their low {@code pointTransform} bits are dropped by the point transform).
     * {@code restartRows} &gt; 0 puts a restart marker every that many rows.
     */
    byte[] encode(int[] samples, int rows, int cols, int comps, int precision, int predictor, int pointTransform,
            int restartRows) {
        marker(0xD8);
        segment(0xC3, frameHeader(rows, cols, comps, precision));
        byte[] dht = new byte[1 + 16 + SYMBOLS.length];
        for (int i = 0; i < 16; i++) {
            dht[1 + i] = (byte) COUNTS[i];
        }
        for (int i = 0; i < SYMBOLS.length; i++) {
            dht[17 + i] = (byte) SYMBOLS[i];
        }
        segment(0xC4, dht);
        int interval = restartRows * cols;
        if (restartRows > 0) {
            segment(0xDD, new byte[] {(byte) (interval >> 8), (byte) interval});
        }
        byte[] sos = new byte[1 + 2 * comps + 3];
        sos[0] = (byte) comps;
        for (int c = 0; c < comps; c++) {
            sos[1 + 2 * c] = (byte) (c + 1);
            sos[2 + 2 * c] = 0;
        }
        sos[1 + 2 * comps] = (byte) predictor;
        sos[3 + 2 * comps] = (byte) pointTransform;
        segment(0xDA, sos);
        int initial = 1 << (precision - pointTransform - 1);
        int restarts = 0;
        for (int y = 0; y < rows; y++) {
            boolean intervalStart = restartRows > 0 && y > 0 && y % restartRows == 0;
            if (intervalStart) {
                flush();
                marker(0xD0 + (restarts++ & 7));
            }
            boolean firstLine = y == 0 || intervalStart;
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < comps; c++) {
                    int o = (y * cols + x) * comps + c;
                    int px;
                    if (firstLine && x == 0) {
                        px = initial;
                    } else if (x == 0) {
                        px = samples[o - cols * comps] >> pointTransform;
                    } else if (firstLine) {
                        px = samples[o - comps] >> pointTransform;
                    } else {
                        int ra = samples[o - comps] >> pointTransform;
                        int rb = samples[o - cols * comps] >> pointTransform;
                        int rc = samples[o - cols * comps - comps] >> pointTransform;
                        px = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    int diff = (short) (((samples[o] >> pointTransform) - px) & 0xFFFF);
                    writeDifference(diff);
                }
            }
        }
        flush();
        marker(0xD9);
        return out.toByteArray();
    }

    private void writeDifference(int diff) {
        if (diff == -32768) {
            bits(code[16], length[16]);
            return;
        }
        int magnitude = Math.abs(diff);
        int ssss = 32 - Integer.numberOfLeadingZeros(magnitude);
        bits(code[ssss], length[ssss]);
        if (ssss > 0) {
            bits(diff > 0 ? diff : diff + (1 << ssss) - 1, ssss);
        }
    }

    private byte[] frameHeader(int rows, int cols, int comps, int precision) {
        byte[] h = new byte[6 + 3 * comps];
        h[0] = (byte) precision;
        h[1] = (byte) (rows >> 8);
        h[2] = (byte) rows;
        h[3] = (byte) (cols >> 8);
        h[4] = (byte) cols;
        h[5] = (byte) comps;
        for (int c = 0; c < comps; c++) {
            h[6 + 3 * c] = (byte) (c + 1);
            h[7 + 3 * c] = 0x11;
        }
        return h;
    }

    private void bits(int value, int n) {
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        while (accBits >= 8) {
            int b = (int) (acc >> (accBits - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0);
            }
            accBits -= 8;
        }
    }

    private void flush() {
        if (accBits > 0) {
            bits(0x7F, 8 - accBits);
        }
    }

    private void marker(int m) {
        out.write(0xFF);
        out.write(m);
    }

    private void segment(int m, byte[] payload) {
        marker(m);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len);
        out.writeBytes(payload);
    }
}
