package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.encoder.BlockRunner;
import org.raylens.inference.encoder.ForwardProgress;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Locale;

/**
 * Raw attention maps of one layer: what the CLS token attends to over the patches (DINOv2's attention figures), and
 * what one query patch attends to (EVA-X's reference-point maps, "click a patch"), for one head or the mean over
 * heads. The values are softmax probabilities exactly as the layer computed them.
 *
 * <p>Register tokens are dropped from the maps, not renormalised: a map's values stay the layer's own probabilities
 * (comparable across models and with reference code), and the share of attention the registers took — often large,
 * which is why registers exist — is stated in the description instead of being spread over the patches.
 *
 * <p>Only blocks 0..layer run: later layers cannot change this layer's attention.
 */
public final class AttentionMaps {
    private final ExplainContext context;

    public AttentionMaps(ExplainContext context) {
        this.context = context;
    }

    /** CLS → patch attention of {@code layer} (0-based). */
    public PatchMap cls(ExplainInput input, int layer, HeadChoice heads) {
        LayerAttention a = layerAttention(input, layer);
        return toMap(input, a, 0, heads, "attention", "CLS → patches, layer " + layer + ", " + heads.describe(a.heads()));
    }

    /**
     * Attention of the patch under a source-image point ({@link MapGeometry#patchAt}).
     *
     * @throws IllegalArgumentException when the point lies where the model did not look (cropped away)
     */
    public PatchMap point(ExplainInput input, int layer, HeadChoice heads, double sourceX, double sourceY) {
        int[] rc = input.geometry().patchAt(sourceX, sourceY);
        if (rc == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "point (%.1f, %.1f) lies outside the region the model saw (cropped away or outside the image)",
                    sourceX, sourceY));
        }
        return query(input, layer, heads, rc[0], rc[1],
                String.format(Locale.ROOT, "point (%.1f, %.1f) → ", sourceX, sourceY));
    }

    /** Attention of the query patch (row, col). */
    public PatchMap query(ExplainInput input, int layer, HeadChoice heads, int row, int col) {
        return query(input, layer, heads, row, col, "");
    }

    private PatchMap query(ExplainInput input, int layer, HeadChoice heads, int row, int col, String prefix) {
        MapGeometry g = input.geometry();
        if (row < 0 || col < 0 || row >= g.rows() || col >= g.cols()) {
            throw new IllegalArgumentException("patch (" + row + ", " + col + ") outside the " + g.rows() + "×" + g.cols() + " grid");
        }
        LayerAttention a = layerAttention(input, layer);
        return toMap(input, a, a.layout().patchIndex(row, col), heads, "point",
                prefix + "query patch (" + row + ", " + col + "), layer " + layer + ", " + heads.describe(a.heads()));
    }

    /** One layer's probabilities (1, heads, N, N), running only the blocks up to it. */
    LayerAttention layerAttention(ExplainInput input, int layer) {
        context.checkLayer(layer);
        try (BlockRunner r = context.runner(input)) {
            long n = r.layout().numTokens();
            float[] probs = new float[Math.toIntExact(r.numHeads() * n * n)];
            NDArray x = r.embed();
            NDArray before = r.runBlocks(x, 0, layer, ForwardProgress.NONE);
            r.runBlock(before, layer, probs, ForwardProgress.NONE);
            return new LayerAttention(probs, r.numHeads(), r.layout());
        }
    }

    private PatchMap toMap(ExplainInput input, LayerAttention a, int queryToken, HeadChoice heads, String method,
                           String description) {
        heads.check(a.heads());
        float[] row = patchRow(a.probabilities(), a.heads(), a.layout(), queryToken, heads);
        double registers = registerShare(a.probabilities(), a.heads(), a.layout(), queryToken, heads);
        String d = description + (a.layout().registers() > 0 ? String.format(Locale.ROOT,
                "; %d register tokens dropped (they took %.1f %% of this attention)", a.layout().registers(),
                100 * registers) : "");
        TokenLayout l = a.layout();
        return new PatchMap(method, d, l.rows(), l.cols(), 1, row, input.geometry(), context.provenance(input, d));
    }

    /**
     * The attention of token {@code query} over the patch tokens (registers and CLS dropped), for one head or the
     * mean over heads; probabilities laid out (heads, N, N) for one image.
     */
    public static float[] patchRow(float[] probabilities, int heads, TokenLayout layout, int query, HeadChoice choice) {
        int n = layout.numTokens();
        int p = layout.rows() * layout.cols();
        float[] out = new float[p];
        int first = choice.isMean() ? 0 : choice.head();
        int last = choice.isMean() ? heads : choice.head() + 1;
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int h = first; h < last; h++) {
                s += probabilities[(h * n + query) * n + layout.firstPatch() + t];
            }
            out[t] = (float) (s / (last - first));
        }
        return out;
    }

    private static double registerShare(float[] probabilities, int heads, TokenLayout layout, int query, HeadChoice choice) {
        int n = layout.numTokens();
        int first = choice.isMean() ? 0 : choice.head();
        int last = choice.isMean() ? heads : choice.head() + 1;
        double s = 0;
        for (int h = first; h < last; h++) {
            for (int r = 1; r < layout.firstPatch(); r++) {
                s += probabilities[(h * n + query) * n + r];
            }
        }
        return s / (last - first);
    }

    /** One layer's attention probabilities for one image, (heads, N, N). */
    record LayerAttention(float[] probabilities, int heads, TokenLayout layout) {
    }
}
