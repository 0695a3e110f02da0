package org.raylens.app.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.explain.Explainers;

/**
 * The layers panel's state: one {@link LayerRow} per {@link LayerKind} of the window ({@link LayerKind#forWindow}:
 * one per registered explainer an Analyse runs, click-a-patch, Grad-CAM and the mask), fed by the analysis (each row
 * receives its map when one is computed and loses it when the image changes). The rows of the methods an Analyse
 * runs take their maps from the result by explainer name, so a method registered from outside fills its row with no
 * code here; attention follows the layer and head chosen, click-a-patch the click, Grad-CAM the chosen label. A row
 * whose method the analysed model cannot give (its family has no attention maps or no gradients) carries the reason
 * instead of a map. Also the "not seen by the model" border switch, and
 * whether the demo badge must show. The attention and click-a-patch rows become visible the first time they get a
 * map, so running the analysis or clicking shows something at once; the others wait to be switched on, and after
 * that the user's choice stands.
 */
public final class LayersModel {

    private final Map<LayerKind, LayerRow> rows = new LinkedHashMap<>();
    private final BooleanProperty notSeenBorder = new SimpleBooleanProperty(this, "notSeenBorder", true);
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper(this, "demo");
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper(this, "hasResult");

    public LayersModel(AnalysisModel analysis, String defaultColormap, double defaultOpacity) {
        this(analysis, LayerKind.forWindow(Explainers.load()), defaultColormap, defaultOpacity);
    }

    /** With the rows of {@code kinds}, in painting order. */
    public LayersModel(AnalysisModel analysis, List<LayerKind> kinds, String defaultColormap, double defaultOpacity) {
        for (LayerKind k : kinds) {
            LayerRow row = new LayerRow(k);
            row.colormapProperty().set(k.defaultColormap(defaultColormap));
            row.opacityProperty().set(defaultOpacity);
            rows.put(k, row);
        }
        analysis.attentionMapProperty().addListener((o, a, m) -> feed(LayerKind.ATTENTION, m));
        analysis.pointMapProperty().addListener((o, a, m) -> feed(LayerKind.POINT, m));
        analysis.gradCamMapProperty().addListener((o, a, m) -> {
            feed(LayerKind.GRADCAM, m);
            row(LayerKind.GRADCAM).titleProperty().set(m == null ? LayerKind.GRADCAM.title()
                    : analysis.methodTitle(analysis.headMethodProperty().get()) + ": "
                    + analysis.gradCamLabelProperty().get());
        });
        analysis.resultProperty().addListener((o, a, r) -> resultChanged(r));
        analysis.headMethodProperty().addListener((o, a, m) -> classMapAvailability(analysis.getResult()));
        this.analysis = analysis;
        this.metrics = new MapMetricsModel(analysis, this);
    }

    private final AnalysisModel analysis;
    private final MapMetricsModel metrics;

    /** The faithfulness metrics shown next to the map layers. */
    public MapMetricsModel metrics() {
        return metrics;
    }

    /** The class map row (Grad-CAM's) is greyed out as the chosen method needs: occlusion needs no gradients. */
    private void classMapAvailability(AnalysisResult r) {
        LayerRow row = rows.get(LayerKind.GRADCAM);
        if (row != null) {
            String method = analysis.headMethodProperty().get();
            row.setUnavailable(r == null || method == null ? null : r.unavailable(method).orElse(null));
        }
    }

    /** Rows in painting order. */
    public List<LayerRow> rows() {
        return List.copyOf(rows.values());
    }

    /** The row of {@code kind}, or null when the window has none (a method it does not run). */
    public LayerRow row(LayerKind kind) {
        return rows.get(kind);
    }

    /** Shade the parts of the image the model never saw (outside the centre crop). */
    public BooleanProperty notSeenBorderProperty() {
        return notSeenBorder;
    }

    /** True while the maps come from the demo encoder: the badge must show. */
    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }

    /** Gives a row a map computed elsewhere (Grad-CAM, PCA, a mask from an adapter). */
    public void feed(LayerKind kind, PatchMap map) {
        LayerRow row = rows.get(kind);
        if (row == null) {
            return;
        }
        boolean first = row.getMap() == null && map != null && !row.visibleProperty().get() && !touched(row);
        row.setMap(map);
        if (first && (kind.equals(LayerKind.ATTENTION) || kind.equals(LayerKind.POINT))) {
            row.visibleProperty().set(true);
        }
    }

    /**
     * Gives the mask row the segmentation adapter's mask. The first mask takes the adapter's own decision threshold
     * and, when a trained model made it, switches the row on, unless the user has set the row already. A mask from
     * random weights (the demo's, a synthetic model's) stays off until asked for: it marks nothing, and shown by
     * default it only washed every map underneath in its colour.
     */
    void feedMask(MaskMap mask, boolean random) {
        LayerRow row = rows.get(LayerKind.MASK);
        if (row == null) {
            return;
        }
        boolean first = row.getMask() == null && mask != null && !touched(row);
        row.setMask(mask);
        if (first) {
            row.thresholdProperty().set(mask.threshold());
            row.visibleProperty().set(!random);
        }
    }

    private void resultChanged(AnalysisResult r) {
        hasResult.set(r != null);
        demo.set(r != null && r.demo());
        for (Map.Entry<LayerKind, LayerRow> e : rows.entrySet()) {
            // a method the analysed model cannot give (no attention maps, no gradients) is greyed out with the reason
            String method = e.getKey().method().orElse(null);
            e.getValue().setUnavailable(r == null || method == null ? null : r.unavailable(method).orElse(null));
        }
        classMapAvailability(r);
        if (r == null) {
            for (LayerRow row : rows.values()) {
                row.setMap(null);
            }
        } else {
            for (LayerKind k : rows.keySet()) {
                // attention's row shows the layer and head chosen (AnalysisModel derives it), not the default map
                if (k.analysed() && !k.equals(LayerKind.ATTENTION)) {
                    feed(k, r.map(k.id()).orElse(null));
                }
            }
        }
        feedMask(r == null ? null : r.mask().orElse(null), r != null && r.demo());
    }

    private final java.util.Set<LayerRow> userTouched = new java.util.HashSet<>();

    /** Marks a row as set by the user, so maps arriving later do not switch it on. */
    public void touch(LayerRow row) {
        userTouched.add(row);
    }

    private boolean touched(LayerRow row) {
        return userTouched.contains(row);
    }
}
