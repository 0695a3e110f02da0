package org.raylens.viewer.dicom.codec;

import java.util.Random;

/**
 * Deterministic synthetic test images that exercise every path of a predictive codec: smooth gradients (regular
 * mode), flat blocks (run mode, run interruptions), full-range noise (escape codes), and the extreme values.
 */
final class SyntheticImages {

    private SyntheticImages() {
    }

    /** Pixel-interleaved samples in [0, 2^bits − 1]. */
    static int[] make(int rows, int columns, int samplesPerPixel, int bits, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << bits) - 1;
        int[] out = new int[rows * columns * samplesPerPixel];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < samplesPerPixel; c++) {
                    double smooth = 0.5 + 0.35 * Math.sin(x * 0.07 + c) * Math.cos(y * 0.05 - c);
                    int v;
                    if (y < rows / 6 && x < columns / 2) {
                        v = c * max / 3; // flat block: runs
                    } else if (y >= rows / 6 && y < rows / 3 && x > columns / 2) {
                        v = rnd.nextInt(max + 1); // noise: escapes
                    } else if (y == rows - 1) {
                        v = (x & 1) == 0 ? 0 : max; // extremes
                    } else if ((x / 7 + y / 5) % 9 == 0) {
                        v = (int) (smooth * max); // piecewise flat stripes
                    } else {
                        v = (int) (smooth * max) + rnd.nextInt(9) - 4;
                    }
                    out[(y * columns + x) * samplesPerPixel + c] = Math.max(0, Math.min(max, v));
                }
            }
        }
        return out;
    }
}
