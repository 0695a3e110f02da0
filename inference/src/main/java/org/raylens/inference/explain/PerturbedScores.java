package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.head.TokenHead;

import java.util.List;
import java.util.Locale;

/**
 * A head's scores on many perturbed copies of one traced input, the engine of every method that explains by
 * forwards alone (occlusion, RISE, Score-CAM): each copy starts as the input and a {@link Variant} changes it; copies
 * run through the traced model's batched forward {@code batch} at a time, so memory stays bounded by one batch
 * whatever the count; every target is scored from the same forwards. Works for any encoder family, since it needs
 * only forwards and a head on the final tokens.
 */
final class PerturbedScores {
    /** Above this estimate of one forward's working memory per image, batches shrink (bytes). */
    private static final long BATCH_BUDGET = 512L << 20;
    private static final int MAX_BATCH = 32;

    /** Changes copy {@code index} of the input, (C, H, W) row-major at {@code offset} of {@code images}, in place. */
    @FunctionalInterface
    interface Variant {
        void fill(int index, float[] images, int offset);
    }

    private final ForwardTrace trace;
    private final TokenHead head;
    private final List<OutputTarget> targets;
    private final int batch;
    private final Progress progress;
    private final CancellationToken cancel;

    PerturbedScores(ForwardTrace trace, TokenHead head, List<OutputTarget> targets, int batch, Progress progress,
                    CancellationToken cancel) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.trace = trace;
        this.head = head;
        this.targets = List.copyOf(targets);
        this.batch = batch;
        this.progress = progress;
        this.cancel = cancel;
    }

    /**
     * A batch size whose forward stays near {@value #BATCH_BUDGET} bytes: per image the input, the tokens through a
     * block (about a dozen (N, D) arrays) and one layer's attention (at most 16 heads × N × N).
     */
    static int defaultBatch(ForwardTrace trace) {
        TokenLayout l = trace.layout();
        long n = l.numTokens();
        long perImage = 4L * (trace.input().tensor().data().length + 12L * n * l.dim() + 16L * n * n);
        return (int) Math.max(1, Math.min(MAX_BATCH, BATCH_BUDGET / Math.max(1, perImage)));
    }

    /** The batch size of {@code p}'s {@code batch} parameter, or {@link #defaultBatch}. */
    static int batch(ForwardTrace trace, MethodParameters p) {
        return p.intValue("batch", defaultBatch(trace), 1, 1024);
    }

    static MethodParameters.Spec batchSpec() {
        return new MethodParameters.Spec("batch", "auto", "perturbed copies per forward (auto keeps one forward near 512 MB)");
    }

    /** scores[target][copy] of {@code count} copies made by {@code variant}; progress counts copies. */
    float[][] of(int count, Variant variant, String what) {
        FloatTensor input = trace.input().tensor();
        float[] x = input.data();
        long[] shape = input.shape();
        int chw = x.length;
        float[][] out = new float[targets.size()][count];
        for (int start = 0; start < count; start += batch) {
            cancel.throwIfCancelled(what + " after " + start + " of " + count + " forwards");
            int b = Math.min(batch, count - start);
            float[] images = new float[b * chw];
            for (int i = 0; i < b; i++) {
                System.arraycopy(x, 0, images, i * chw, chw);
                variant.fill(start + i, images, i * chw);
            }
            EncoderOutput o = trace.forwards().forward(new FloatTensor(images, new long[]{b, shape[1], shape[2],
                    shape[3]}), cancel);
            float[][] s = score(o);
            for (int t = 0; t < targets.size(); t++) {
                System.arraycopy(s[t], 0, out[t], start, b);
            }
            progress.report(start + b, count, String.format(Locale.ROOT, "%s: %d of %d forwards", what, start + b, count));
        }
        return out;
    }

    /** [target][image] scores of the head on an output's final tokens. */
    float[][] score(EncoderOutput o) {
        try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            FloatTensor tokens = o.lastHiddenState();
            NDArray t = m.create(tokens.data(), new Shape(tokens.shape()));
            NDArray logits = head.forward(t, o.layout());
            float[][] s = new float[targets.size()][];
            for (int i = 0; i < targets.size(); i++) {
                s[i] = targets.get(i).scores(logits).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            }
            return s;
        }
    }

    /** (B, T): each target's score of each row, for scoring inside a family's pass. */
    static NDArray stacked(NDArray headOutput, List<OutputTarget> targets) {
        NDArray[] cols = new NDArray[targets.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = targets.get(i).scores(headOutput).reshape(-1, 1);
        }
        return NDArrays.concat(new NDList(cols), 1);
    }
}
