package org.raylens.app.analysis;

import java.util.Map;
import java.util.TreeMap;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.explain.MapGeometry;
import org.raylens.inference.explain.PatchMap;

/**
 * The attention probabilities of one forward pass, kept per layer as (1, heads, N, N), and the patch maps read from
 * them: the CLS token's attention to the patches (one head or the head mean), a patch's attention to the others
 * (click-a-patch), and attention rollout (Abnar &amp; Zuidema 2020: head-mean attention plus identity, rows
 * renormalised, multiplied through the layers). Values are the raw probabilities; display normalisation is the
 * layer's job.
 */
public final class AttentionMaps {

    /** Head index meaning "mean over heads". */
    public static final int MEAN = -1;

    private final TokenLayout layout;
    private final MapGeometry geometry;
    private final Map<Integer, FloatTensor> byLayer;
    private final int heads;
    private final String provenance;
    private final float[] rollout;

    public AttentionMaps(TokenLayout layout, MapGeometry geometry, Map<Integer, FloatTensor> byLayer,
            String provenance) {
        if (byLayer.isEmpty()) {
            throw new IllegalArgumentException("no attention layers");
        }
        this.layout = layout;
        this.geometry = geometry;
        this.byLayer = new TreeMap<>(byLayer);
        this.heads = this.byLayer.values().iterator().next().dim(1);
        this.provenance = provenance;
        this.rollout = computeRollout();
    }

    public int layers() {
        return byLayer.size();
    }

    public int heads() {
        return heads;
    }

    public MapGeometry geometry() {
        return geometry;
    }

    /** The CLS token's attention to each patch at {@code layer} (0-based), one head or {@link #MEAN}. */
    public PatchMap cls(int layer, int head) {
        return fromQuery(0, layer, head, "attention", "CLS \u2192 patches, " + where(layer, head));
    }

    /** The attention of the patch at (row, col) to every patch. */
    public PatchMap point(int row, int col, int layer, int head) {
        return fromQuery(layout.patchIndex(row, col), layer, head, "point",
                "patch (" + row + ", " + col + ") \u2192 patches, " + where(layer, head));
    }

    /** Attention rollout from the CLS token through all layers. */
    public PatchMap rollout() {
        return new PatchMap("rollout", "rollout over " + layers() + " layers, head mean, CLS \u2192 patches",
                layout.rows(), layout.cols(), 1, rollout, geometry, provenance);
    }

    private String where(int layer, int head) {
        return "layer " + (layer + 1) + "/" + layers() + ", " + (head == MEAN ? "mean of " + heads + " heads"
                : "head " + (head + 1) + "/" + heads);
    }

    private PatchMap fromQuery(int query, int layer, int head, String method, String description) {
        FloatTensor a = tensor(layer);
        int n = layout.numTokens();
        int first = layout.firstPatch();
        int patches = layout.rows() * layout.cols();
        float[] out = new float[patches];
        int h0 = head == MEAN ? 0 : head;
        int h1 = head == MEAN ? heads : head + 1;
        float[] data = a.data();
        for (int h = h0; h < h1; h++) {
            int row = (h * n + query) * n;
            for (int p = 0; p < patches; p++) {
                out[p] += data[row + first + p];
            }
        }
        for (int p = 0; p < patches; p++) {
            out[p] /= (h1 - h0);
        }
        return new PatchMap(method, description, layout.rows(), layout.cols(), 1, out, geometry, provenance);
    }

    private FloatTensor tensor(int layer) {
        FloatTensor a = byLayer.get(layer);
        if (a == null) {
            throw new IllegalArgumentException("layer " + layer + " was not kept (have " + byLayer.keySet() + ")");
        }
        return a;
    }

    /**
     * Row 0 of A_L · … · A_1 is e0ᵀ · A_L · … · A_1, so a vector walks down the layers from the last one: N² work
     * per layer instead of the N³ of multiplying full matrices (1370 tokens for RAD-DINO).
     */
    private float[] computeRollout() {
        int n = layout.numTokens();
        double[] v = new double[n];
        v[0] = 1;
        java.util.List<FloatTensor> down = new java.util.ArrayList<>(byLayer.values());
        java.util.Collections.reverse(down);
        double[] row = new double[n];
        for (FloatTensor a : down) {
            float[] data = a.data();
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                if (v[i] == 0) {
                    continue;
                }
                java.util.Arrays.fill(row, 0);
                for (int h = 0; h < heads; h++) {
                    int base = (h * n + i) * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += data[base + j];
                    }
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = row[j] / heads + (i == j ? 1 : 0);
                    sum += row[j];
                }
                double w = v[i] / sum;
                for (int j = 0; j < n; j++) {
                    next[j] += w * row[j];
                }
            }
            v = next;
        }
        int first = layout.firstPatch();
        int patches = layout.rows() * layout.cols();
        float[] out = new float[patches];
        for (int p = 0; p < patches; p++) {
            out[p] = (float) v[first + p];
        }
        return out;
    }
}
