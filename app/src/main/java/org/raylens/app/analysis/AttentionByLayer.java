package org.raylens.app.analysis;

import java.util.Map;
import java.util.TreeMap;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.AttentionMaps;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.explain.HeadChoice;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;

/**
 * The attention probabilities of one forward pass, kept per layer as (1, heads, N, N), and the patch maps read from
 * them with the explain module's own row extraction ({@link org.raylens.inference.explain.AttentionMaps#patchRow}):
 * the CLS token's attention to the patches (one head or the head mean) and a patch's attention to the others
 * (click-a-patch). Keeping the probabilities makes switching layer, head or patch instant, where the explain
 * module's own maps re-run the blocks for each request. Values are the raw probabilities; display normalisation is
 * the layer's job.
 */
public final class AttentionByLayer {

    /** Head index meaning "mean over heads". */
    public static final int MEAN = -1;

    private final TokenLayout layout;
    private final MapGeometry geometry;
    private final TreeMap<Integer, FloatTensor> byLayer;
    private final TreeMap<Integer, AttentionRows> rowsByLayer;
    private final java.util.TreeSet<Integer> kept;
    private final int heads;
    private final String provenance;

    private final int modelLayers;

    /**
     * @param byLayer     0-based layer → (1, heads, N, N) probabilities, for the layers the run kept; empty for a
     *                    model that gives no attention (then {@link #available()} is false and no map can be read)
     * @param modelLayers how many layers the model has (large inputs keep only the last one)
     */
    public AttentionByLayer(TokenLayout layout, MapGeometry geometry, Map<Integer, FloatTensor> byLayer,
            int modelLayers, String provenance) {
        this(layout, geometry, byLayer, Map.of(), modelLayers, provenance);
    }

    /**
     * @param rowsByLayer 0-based layer → some query rows of its probabilities (the CLS row for the layer chooser),
     *                    for layers whose whole matrix was not kept
     */
    public AttentionByLayer(TokenLayout layout, MapGeometry geometry, Map<Integer, FloatTensor> byLayer,
            Map<Integer, AttentionRows> rowsByLayer, int modelLayers, String provenance) {
        this.layout = layout;
        this.geometry = geometry;
        this.byLayer = new TreeMap<>(byLayer);
        this.rowsByLayer = new TreeMap<>(rowsByLayer);
        this.kept = new java.util.TreeSet<>(this.byLayer.keySet());
        kept.addAll(this.rowsByLayer.keySet());
        this.heads = !this.byLayer.isEmpty() ? this.byLayer.values().iterator().next().dim(1)
                : this.rowsByLayer.isEmpty() ? 0 : this.rowsByLayer.values().iterator().next().heads();
        this.provenance = provenance;
        this.modelLayers = modelLayers;
    }

    /** Layers of the model (the layer chooser's range). */
    public int layers() {
        return modelLayers;
    }

    /** The layers whose attention this run kept, ascending. */
    public java.util.Set<Integer> keptLayers() {
        return java.util.Collections.unmodifiableSet(kept);
    }

    /** The deepest kept layer: the one shown first; -1 when none was kept. */
    public int lastKeptLayer() {
        return kept.isEmpty() ? -1 : kept.last();
    }

    /** False when the model gives no attention (its family's capabilities say so): no map can be read. */
    public boolean available() {
        return !kept.isEmpty();
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

    private String where(int layer, int head) {
        return "layer " + (layer + 1) + "/" + layers() + ", " + (head == MEAN ? "mean of " + heads + " heads"
                : "head " + (head + 1) + "/" + heads);
    }

    private PatchMap fromQuery(int query, int layer, int head, String method, String description) {
        HeadChoice choice = head == MEAN ? HeadChoice.MEAN : HeadChoice.of(head);
        FloatTensor a = byLayer.get(layer);
        AttentionRows rows = rowsByLayer.get(layer);
        float[] out;
        if (a != null) {
            out = AttentionMaps.patchRow(a.data(), heads, layout, query, choice);
        } else if (rows != null && rows.indexOf(query) >= 0) {
            // the same loop over the same values as from the whole matrix: the map is bit-identical
            out = AttentionMaps.patchRow(rows.probabilities(), heads, rows.queries().length, rows.indexOf(query),
                    layout, choice);
        } else {
            throw notKept(layer);
        }
        return new PatchMap(method, description, layout.rows(), layout.cols(), 1, out, geometry, provenance);
    }

    private IllegalArgumentException notKept(int layer) {
        if (!available()) {
            return new IllegalArgumentException(MethodAvailability.NO_ATTENTIONS);
        }
        if (rowsByLayer.containsKey(layer)) {
            return new IllegalArgumentException("Layer " + (layer + 1) + " kept only its CLS attention: for inputs "
                    + "this large click-a-patch reads layer " + byLayer.navigableKeySet().stream()
                    .map(l -> String.valueOf(l + 1)).collect(java.util.stream.Collectors.joining(", "))
                    + " (90 MB per layer at 518 px)");
        }
        return new IllegalArgumentException("Layer " + (layer + 1) + " was not kept: for inputs this large only "
                + "layer " + (lastKeptLayer() + 1) + " is held (90 MB per layer at 518 px)");
    }
}
