package org.raylens.inference.explain;

import org.raylens.core.result.MapGeometry;

import org.raylens.core.result.PatchMap;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.FloatTensor;
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
 * <p>A single map ({@link #cls}, {@link #point}) keeps only the query row it reads. For many clicks on one image,
 * take the whole layer once with {@link #layer} and ask it for each point (a ViT-B layer at 518 px holds 90 MB).
 */
public final class AttentionMaps {
    private final ExplainContext context;
    private final Progress progress;
    private final CancellationToken cancel;

    public AttentionMaps(ExplainContext context) {
        this(context, Progress.NONE, CancellationToken.NONE);
    }

    /** With progress reported per block and cancellation polled between blocks. */
    public AttentionMaps(ExplainContext context, Progress progress, CancellationToken cancel) {
        this.context = context;
        this.progress = progress;
        this.cancel = cancel;
    }

    /** CLS → patch attention of {@code layer} (0-based). */
    public PatchMap cls(ExplainInput input, int layer, HeadChoice heads) {
        return rows(input, layer, AttentionQuery.CLS).cls(heads);
    }

    /**
     * Attention of the patch under a source-image point ({@link MapGeometry#patchAt}).
     *
     * @throws IllegalArgumentException when the point lies where the model did not look (cropped away)
     */
    public PatchMap point(ExplainInput input, int layer, HeadChoice heads, double sourceX, double sourceY) {
        checkPoint(input.geometry(), sourceX, sourceY);
        return rows(input, layer, AttentionQuery.point(sourceX, sourceY)).point(heads, sourceX, sourceY);
    }

    /** Attention of the query patch (row, col). */
    public PatchMap query(ExplainInput input, int layer, HeadChoice heads, int row, int col) {
        checkPatch(input.geometry(), row, col);
        return layer(input, layer).query(heads, row, col);
    }

    /** One layer's probabilities, computed once, from which any number of maps can be read. */
    public LayerAttention layer(ExplainInput input, int layer) {
        context.checkLayer(layer);
        return layer(ForwardTrace.record(context, input, TraceNeeds.tokens().withAttentions(java.util.Set.of(layer)),
                progress, cancel), layer);
    }

    /** Only the query row {@code query} of one layer: a forward that copies N floats per head instead of N². */
    private LayerAttention rows(ExplainInput input, int layer, AttentionQuery query) {
        context.checkLayer(layer);
        return layer(ForwardTrace.record(context, input, TraceNeeds.tokens().withRows(java.util.Set.of(layer),
                java.util.Set.of(query)), progress, cancel), layer);
    }

    /**
     * One layer's probabilities read from a trace that kept them, whole or as some query rows (a whole layer is
     * preferred when both were kept): no encoder pass.
     */
    public static LayerAttention layer(ForwardTrace trace, int layer) {
        AttentionRows rows = trace.rows(layer);
        if (rows != null && !trace.output().attentions().containsKey(layer)) {
            return new LayerAttention(trace, layer, rows.probabilities(), rows.queries(), rows.heads());
        }
        FloatTensor a = trace.attention(layer);
        return new LayerAttention(trace, layer, a.data(), null, a.dim(1));
    }

    private static void checkPoint(MapGeometry g, double sourceX, double sourceY) {
        if (g.patchAt(sourceX, sourceY) == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "point (%.1f, %.1f) lies outside the region the model saw (cropped away or outside the image)",
                    sourceX, sourceY));
        }
    }

    private static void checkPatch(MapGeometry g, int row, int col) {
        if (row < 0 || col < 0 || row >= g.rows() || col >= g.cols()) {
            throw new IllegalArgumentException("patch (" + row + ", " + col + ") outside the " + g.rows() + "×" + g.cols()
                    + " grid");
        }
    }

    /**
     * One layer's attention probabilities for one image, (heads, N, N) or some query rows (heads, R, N), and the maps
     * read from them.
     */
    public static final class LayerAttention {
        private final ForwardTrace trace;
        private final ExplainInput input;
        private final int layer;
        private final float[] probabilities;
        /** The kept query tokens when {@code probabilities} holds rows only; null when it holds every row. */
        private final int[] queries;
        private final int heads;
        private final TokenLayout layout;

        LayerAttention(ForwardTrace trace, int layer, float[] probabilities, int[] queries, int heads) {
            this.trace = trace;
            this.input = trace.input();
            this.layer = layer;
            this.probabilities = probabilities;
            this.queries = queries;
            this.heads = heads;
            this.layout = trace.layout();
        }

        public int heads() {
            return heads;
        }

        public TokenLayout layout() {
            return layout;
        }

        public PatchMap cls(HeadChoice choice) {
            return toMap(0, choice, "attention", "CLS → patches, layer " + layer + ", " + choice.describe(heads));
        }

        public PatchMap point(HeadChoice choice, double sourceX, double sourceY) {
            checkPoint(input.geometry(), sourceX, sourceY);
            int[] rc = input.geometry().patchAt(sourceX, sourceY);
            return query(choice, rc[0], rc[1], String.format(Locale.ROOT, "point (%.1f, %.1f) → ", sourceX, sourceY));
        }

        public PatchMap query(HeadChoice choice, int row, int col) {
            return query(choice, row, col, "");
        }

        private PatchMap query(HeadChoice choice, int row, int col, String prefix) {
            checkPatch(input.geometry(), row, col);
            return toMap(layout.patchIndex(row, col), choice, "point", prefix + "query patch (" + row + ", " + col
                    + "), layer " + layer + ", " + choice.describe(heads));
        }

        private PatchMap toMap(int queryToken, HeadChoice choice, String method, String description) {
            choice.check(heads);
            int rowsPerHead = layout.numTokens();
            int rowIndex = queryToken;
            if (queries != null) {
                rowsPerHead = queries.length;
                rowIndex = java.util.Arrays.binarySearch(queries, queryToken);
                if (rowIndex < 0) {
                    throw new IllegalStateException("this trace kept only query rows " + java.util.Arrays.toString(queries)
                            + " of layer " + layer + ", not token " + queryToken);
                }
            }
            float[] row = patchRow(probabilities, heads, rowsPerHead, rowIndex, layout, choice);
            double registers = registerShare(probabilities, heads, rowsPerHead, rowIndex, layout, choice);
            String d = description + (layout.registers() > 0 ? String.format(Locale.ROOT,
                    "; %d register tokens dropped (they took %.1f %% of this attention)", layout.registers(),
                    100 * registers) : "");
            return new PatchMap(method, d, layout.rows(), layout.cols(), 1, row, input.geometry(),
                    trace.provenance(d));
        }
    }

    /**
     * The attention of token {@code query} over the patch tokens (registers and CLS dropped), for one head or the
     * mean over heads; probabilities laid out (heads, N, N) for one image.
     */
    public static float[] patchRow(float[] probabilities, int heads, TokenLayout layout, int query, HeadChoice choice) {
        return patchRow(probabilities, heads, layout.numTokens(), query, layout, choice);
    }

    /**
     * As {@link #patchRow(float[], int, TokenLayout, int, HeadChoice)} over probabilities laid out (heads, R, N):
     * row {@code rowIndex} of each head. With R = N and rowIndex = the query token it is the same loop, so a map
     * read from kept rows equals the map read from the whole matrix bit for bit.
     */
    public static float[] patchRow(float[] probabilities, int heads, int rowsPerHead, int rowIndex, TokenLayout layout,
                                   HeadChoice choice) {
        int n = layout.numTokens();
        int p = layout.rows() * layout.cols();
        float[] out = new float[p];
        int first = choice.isMean() ? 0 : choice.head();
        int last = choice.isMean() ? heads : choice.head() + 1;
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int h = first; h < last; h++) {
                s += probabilities[(h * rowsPerHead + rowIndex) * n + layout.firstPatch() + t];
            }
            out[t] = (float) (s / (last - first));
        }
        return out;
    }

    private static double registerShare(float[] probabilities, int heads, int rowsPerHead, int rowIndex,
                                        TokenLayout layout, HeadChoice choice) {
        int n = layout.numTokens();
        int first = choice.isMean() ? 0 : choice.head();
        int last = choice.isMean() ? heads : choice.head() + 1;
        double s = 0;
        for (int h = first; h < last; h++) {
            for (int r = 1; r < layout.firstPatch(); r++) {
                s += probabilities[(h * rowsPerHead + rowIndex) * n + r];
            }
        }
        return s / (last - first);
    }
}
