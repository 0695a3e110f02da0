package org.raylens.inference.training;

import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.model.PreprocessorConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic feature sets whose labels a head can learn, for trainer tests (no encoder needed). */
final class TrainingFixtures {
    static final int D = 8;
    static final int ROWS = 4;
    static final int COLS = 4;

    private TrainingFixtures() {
    }

    static AdapterTrainer.Identity identity() {
        return new AdapterTrainer.Identity("test", new EncoderIdentity("ViT test", D, 14, 0, "ab".repeat(32)),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"), "synthetic", "cd".repeat(32));
    }

    private static float[] noise(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /**
     * Two labels: A is carried by CLS dimension 0, B by the mean patch's dimension 1 (so the linear probe needs
     * cls+mean-patch), both with noise. The attention-pool variant hides the signal in one random patch only.
     */
    static TrainingSet separable(int n, long seed, boolean signalInOnePatch) {
        SplittableRandom r = new SplittableRandom(seed);
        List<ImageFeatures> feats = new ArrayList<>();
        float[][] targets = new float[n][];
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            boolean b = r.nextBoolean();
            float[] cls = noise(r, D, 0.5);
            float[] patches = noise(r, ROWS * COLS * D, 0.5);
            if (signalInOnePatch) {
                int p = r.nextInt(ROWS * COLS);
                patches[p * D + 2] = 3f; // a marker saying "look here"
                patches[p * D] = a ? 2f : -2f;
                patches[p * D + 1] = b ? 2f : -2f;
            } else {
                cls[0] += a ? 1.5f : -1.5f;
                for (int q = 0; q < ROWS * COLS; q++) {
                    patches[q * D + 1] += b ? 1.5f : -1.5f;
                }
            }
            float[] mean = new float[D];
            for (int q = 0; q < ROWS * COLS; q++) {
                for (int j = 0; j < D; j++) {
                    mean[j] += patches[q * D + j] / (ROWS * COLS);
                }
            }
            feats.add(ImageFeatures.of(cls, mean, patches, ROWS, COLS));
            targets[i] = new float[]{a ? 1 : 0, b ? 1 : 0};
        }
        int[] train = java.util.stream.IntStream.range(0, n * 3 / 4).toArray();
        int[] val = java.util.stream.IntStream.range(n * 3 / 4, n).toArray();
        return new TrainingSet(AdapterTask.MULTILABEL, List.of("A", "B"), feats, targets, null, train, val, 14);
    }

    /** Patch tokens whose dimension 0 says "inside the mask" (a random rectangle per image), plus noise. */
    static TrainingSet masks(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int patch = 14;
        List<ImageFeatures> feats = new ArrayList<>();
        float[][] targets = new float[n][];
        byte[][] input = new byte[n][];
        for (int i = 0; i < n; i++) {
            int r0 = r.nextInt(ROWS - 1);
            int c0 = r.nextInt(COLS - 1);
            int r1 = r0 + 1 + r.nextInt(ROWS - r0 - 1) + 1;
            int c1 = c0 + 1 + r.nextInt(COLS - c0 - 1) + 1;
            float[] patches = noise(r, ROWS * COLS * D, 0.3);
            float[] grid = new float[ROWS * COLS];
            byte[] px = new byte[ROWS * patch * COLS * patch];
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    boolean in = y >= r0 && y < r1 && x >= c0 && x < c1;
                    patches[(y * COLS + x) * D] += in ? 1f : -1f;
                    grid[y * COLS + x] = in ? 1 : 0;
                    if (in) {
                        for (int yy = y * patch; yy < (y + 1) * patch; yy++) {
                            for (int xx = x * patch; xx < (x + 1) * patch; xx++) {
                                px[yy * COLS * patch + xx] = 1;
                            }
                        }
                    }
                }
            }
            feats.add(ImageFeatures.of(noise(r, D, 0.3), new float[D], patches, ROWS, COLS));
            targets[i] = grid;
            input[i] = px;
        }
        int[] train = java.util.stream.IntStream.range(0, n * 3 / 4).toArray();
        int[] val = java.util.stream.IntStream.range(n * 3 / 4, n).toArray();
        return new TrainingSet(AdapterTask.SEGMENTATION, List.of("mask"), feats, targets, input, train, val, patch);
    }
}
