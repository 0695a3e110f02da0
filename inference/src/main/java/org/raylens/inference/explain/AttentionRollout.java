package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.TokenLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020, in jacobgil/vit-explain's form): per layer, fuse the heads, drop the
 * smallest attentions if asked, add the residual as 0.5·A + 0.5·I and make each row sum to 1; the rollout is the
 * product A_L ··· A_1 and the map is its CLS row over the patches.
 *
 * <p>Only that one row is needed, so instead of L dense N×N products (N³ each: minutes at N = 1370 in Java) the row
 * is carried from the last layer down as a vector: e_CLSᵀ·A_L, then ·A_{L−1}, … (N² each). Each layer's heads are
 * fused as the block finishes, so the (heads, N, N) buffer is reused and only L fused matrices are held.
 *
 * <p>Register tokens take part in every matrix (they mix information like any token) and are dropped only from the
 * final row, without renormalising — the same rule as {@link AttentionMaps}.
 */
public final class AttentionRollout {
    private final ExplainContext context;

    public AttentionRollout(ExplainContext context) {
        this.context = context;
    }

    public PatchMap compute(ExplainInput input, RolloutOptions options, Progress progress, CancellationToken cancel) {
        return compute(ForwardTrace.record(context, input, TraceNeeds.tokens().withRollout(options), progress, cancel));
    }

    /** The rollout from a trace that prepared it (its needs asked for a rollout): no encoder pass. */
    public static PatchMap compute(ForwardTrace trace) {
        RolloutOptions options = trace.needs().rollout().orElseThrow(() -> new IllegalStateException(
                "this trace prepared no rollout; record it with TraceNeeds.withRollout"));
        TokenLayout layout = trace.layout();
        double[] row = rolloutRow(trace.rolloutLayers(), layout.numTokens(), 0);
        float[] map = new float[layout.rows() * layout.cols()];
        double registers = 0;
        for (int t = 0; t < map.length; t++) {
            map[t] = (float) row[layout.firstPatch() + t];
        }
        for (int t = 1; t < layout.firstPatch(); t++) {
            registers += row[t];
        }
        String d = options.describe() + (layout.registers() > 0 ? String.format(java.util.Locale.ROOT,
                "; %d register tokens dropped (%.1f %% of the rollout row)", layout.registers(), 100 * registers) : "");
        return new PatchMap("rollout", d, layout.rows(), layout.cols(), 1, map, trace.input().geometry(),
                trace.provenance(d));
    }

    /**
     * Rollout from attention probabilities already at hand (e.g. a forward that kept every layer's maps): one
     * (heads, N, N) array per layer, first layer first, of one image. Returns the CLS row over all N tokens.
     */
    public static double[] clsRow(List<float[]> layerProbabilities, int heads, int tokens, RolloutOptions options) {
        List<float[]> layers = new ArrayList<>();
        for (float[] probs : layerProbabilities) {
            layers.add(prepare(options.fusion().fuse(probs, heads, tokens), tokens, options.discardRatio()));
        }
        return rolloutRow(layers, tokens, 0);
    }

    /** One fused layer (N, N) → discard the smallest, mix in the identity, row-normalise (in place; returned). */
    static float[] prepare(float[] fused, int n, double discardRatio) {
        if (discardRatio > 0) {
            discardLowest(fused, discardRatio);
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float v = 0.5f * fused[i * n + j] + (i == j ? 0.5f : 0f);
                fused[i * n + j] = v;
                sum += v;
            }
            // a row can only be all-zero if everything in it was discarded and it is not on the diagonal: impossible,
            // the 0.5 identity keeps every row positive
            for (int j = 0; j < n; j++) {
                fused[i * n + j] = (float) (fused[i * n + j] / sum);
            }
        }
        return fused;
    }

    /**
     * Sets the {@code floor(ratio · N²)} smallest entries to zero (ties broken by position, first first), except the
     * flat index 0 (CLS → CLS), which vit-explain keeps even when it is among the smallest.
     */
    static void discardLowest(float[] a, double ratio) {
        int k = (int) (a.length * ratio);
        if (k <= 0) {
            return;
        }
        float[] sorted = a.clone();
        Arrays.sort(sorted);
        float threshold = sorted[k - 1];
        int below = 0;
        for (float v : a) {
            if (v < threshold) {
                below++;
            }
        }
        int tiesToDrop = k - below;
        for (int i = 0; i < a.length; i++) {
            boolean drop = a[i] < threshold || (a[i] == threshold && tiesToDrop-- > 0);
            if (drop && i != 0) {
                a[i] = 0f;
            }
        }
    }

    /** Row {@code query} of A_L ··· A_1 for prepared layers A_1 … A_L (list order = layer order), as e_qᵀ·A_L·…·A_1. */
    static double[] rolloutRow(List<float[]> layers, int n, int query) {
        double[] v = new double[n];
        v[query] = 1;
        double[] next = new double[n];
        for (int l = layers.size() - 1; l >= 0; l--) {
            float[] a = layers.get(l);
            Arrays.fill(next, 0);
            for (int i = 0; i < n; i++) {
                double vi = v[i];
                if (vi == 0) {
                    continue;
                }
                int base = i * n;
                for (int j = 0; j < n; j++) {
                    next[j] += vi * a[base + j];
                }
            }
            double[] t = v;
            v = next;
            next = t;
        }
        return v;
    }
}
