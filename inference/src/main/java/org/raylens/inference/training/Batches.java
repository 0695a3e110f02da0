package org.raylens.inference.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.encoder.TokenLayout;

/**
 * Builds training batches from cached features: a (B, 1 + P, D) token tensor (CLS then patches, no registers) for
 * heads that read patch tokens, or (B, 2, D) = [CLS, mean patch] on a 1×1 grid for the linear probe; and the targets
 * as (B, C) or (B, C, rows, cols).
 */
final class Batches {
    private Batches() {
    }

    static NDArray tokens(NDManager m, TrainingSet data, int[] batch, TokenLayout layout, boolean patches) {
        int d = layout.dim();
        int n = layout.numTokens();
        float[] out = new float[batch.length * n * d];
        for (int b = 0; b < batch.length; b++) {
            ImageFeatures f = data.features().get(batch[b]);
            int base = b * n * d;
            System.arraycopy(f.cls(), 0, out, base, d);
            if (patches) {
                float[] p = f.patches();
                System.arraycopy(p, 0, out, base + d, p.length);
            } else {
                System.arraycopy(f.meanPatch(), 0, out, base + d, d);
            }
        }
        return m.create(out, new Shape(batch.length, n, d));
    }

    static NDArray targets(NDManager m, TrainingSet data, int[] batch, TokenLayout layout) {
        int per = data.targets()[batch[0]].length;
        float[] out = new float[batch.length * per];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(data.targets()[batch[b]], 0, out, b * per, per);
        }
        int c = data.labels().size();
        Shape shape = data.task() == AdapterTask.SEGMENTATION
                ? new Shape(batch.length, c, layout.rows(), layout.cols()) : new Shape(batch.length, c);
        return m.create(out, shape);
    }
}
