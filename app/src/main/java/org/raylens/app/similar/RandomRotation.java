package org.raylens.app.similar;

import java.util.SplittableRandom;

/**
 * A fixed random rotation of R^d, applied before vectors are reduced to one bit per coordinate
 * ({@link BinaryCodes}): it spreads each vector's length evenly over the coordinates, so that a sign bit carries
 * about the same information in every coordinate. Without it, an embedding whose energy sits in a few coordinates
 * (a real encoder's usually does) would be judged by the signs of many near-zero ones.
 *
 * <p>A dense random orthogonal matrix would cost d² per vector; this is the usual fast substitute, three rounds of a
 * random permutation and random sign flips followed by orthonormal Walsh–Hadamard transforms of equal power-of-two
 * blocks, O(d log d). The permutations carry values between blocks, so three rounds mix all coordinates. The vector
 * is padded with zeros to a multiple of 64 ({@link #size}: 768 stays 768, in blocks of 256), so codes fill whole
 * longs without wasted bits. Every step is orthogonal: lengths and dot products are kept exactly (up to rounding).
 * The seed is fixed, so the same vectors always get the same codes.
 */
final class RandomRotation {
    private static final int ROUNDS = 3;
    private static final long SEED = 0x5241594c454e53L; // "RAYLENS"

    private final int dim;
    private final int size;
    private final int block;
    private final int[][] permutations;
    private final float[][] signs;
    private final float norm;

    RandomRotation(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        this.dim = dim;
        this.size = (dim + 63) / 64 * 64;
        this.block = Integer.lowestOneBit(size); // the largest power of two dividing size, at least 64
        this.norm = (float) (1 / Math.sqrt(block));
        SplittableRandom random = new SplittableRandom(SEED);
        permutations = new int[ROUNDS][];
        signs = new float[ROUNDS][size];
        for (int round = 0; round < ROUNDS; round++) {
            permutations[round] = shuffled(size, random);
            for (int i = 0; i < size; i++) {
                signs[round][i] = random.nextBoolean() ? 1f : -1f;
            }
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Length of a rotated vector: the dimension rounded up to a multiple of 64. */
    int size() {
        return size;
    }

    /** {@code v} rotated, as a new array of {@link #size} values. */
    float[] apply(float[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " values, got " + v.length);
        }
        float[] x = new float[size];
        float[] y = new float[size];
        System.arraycopy(v, 0, x, 0, dim);
        for (int round = 0; round < ROUNDS; round++) {
            int[] p = permutations[round];
            float[] s = signs[round];
            for (int i = 0; i < size; i++) {
                y[i] = x[p[i]] * s[i];
            }
            for (int start = 0; start < size; start += block) {
                hadamard(y, start, block);
            }
            for (int i = 0; i < size; i++) {
                x[i] = y[i] * norm;
            }
        }
        return x;
    }

    /** In-place unnormalised fast Walsh–Hadamard transform of {@code x[start, start + n)}, n a power of two. */
    private static void hadamard(float[] x, int start, int n) {
        for (int h = 1; h < n; h <<= 1) {
            for (int i = start; i < start + n; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    float a = x[j];
                    float b = x[j + h];
                    x[j] = a + b;
                    x[j + h] = a - b;
                }
            }
        }
    }
}
