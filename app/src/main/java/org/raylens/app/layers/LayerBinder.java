package org.raylens.app.layers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.collections.ObservableList;
import org.raylens.app.analysis.AnalysisModel;
import javafx.scene.paint.Color;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.overlays.layer.PointMarkerLayer;
import org.raylens.overlays.layer.RgbMapLayer;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.overlay.Overlay;

/**
 * Keeps the overlays module's layers in step with the {@link LayersModel}: one heatmap (or RGB map) layer per row
 * that has a map, the not-seen border, the clicked point, a colorbar for the topmost visible scalar layer and the demo
 * badge. It rebuilds the overlay list it owns inside the viewport's list (between {@code before} and what follows)
 * and asks for a repaint whenever a row changes. The same layer objects are what exports paint, so a figure always
 * shows what the screen shows.
 */
public final class LayerBinder {

    private final LayersModel model;
    private final AnalysisModel analysis;
    private final ObservableList<Overlay> target;
    private final int insertAt;
    private final Runnable repaint;
    private final Map<LayerKind, Layer> layers = new HashMap<>();
    private NotSeenBorderLayer notSeen;
    private final PointMarkerLayer marker = new PointMarkerLayer();
    private final DemoBadgeLayer badge = new DemoBadgeLayer(false);
    private final List<Overlay> owned = new ArrayList<>();
    /** Layers of objects other tools made (DICOM SEG segments), styled by their own rows, painted above the maps. */
    private List<Layer> extra = List.of();

    /**
     * @param target   the viewport's overlay list
     * @param insertAt where in {@code target} the layers go (overlays after it, like the scale bar, stay on top)
     * @param repaint  asks the viewport to repaint its overlays
     */
    public LayerBinder(LayersModel model, AnalysisModel analysis, ObservableList<Overlay> target, int insertAt,
            Runnable repaint) {
        this.model = model;
        this.analysis = analysis;
        this.target = target;
        this.insertAt = insertAt;
        this.repaint = repaint;
        for (LayerRow row : model.rows()) {
            row.mapProperty().addListener((Observable o) -> rebuild());
            row.visibleProperty().addListener((Observable o) -> apply());
            row.opacityProperty().addListener((Observable o) -> apply());
            row.colormapProperty().addListener((Observable o) -> apply());
            row.thresholdProperty().addListener((Observable o) -> apply());
            row.maskProperty().addListener((Observable o) -> rebuild());
            row.maskStyleProperty().addListener((Observable o) -> apply());
            row.colourProperty().addListener((Observable o) -> apply());
        }
        model.notSeenBorderProperty().addListener((Observable o) -> apply());
        model.demoProperty().addListener((Observable o) -> apply());
        analysis.clickedPointProperty().addListener((Observable o) -> apply());
        rebuild();
    }

    /**
     * Shows {@code layers} above the analysis layers (and gives the topmost visible scalar one the colorbar), in
     * place of those set before; call again after changing their style so the screen and the colorbar follow.
     */
    public void setExtraLayers(List<? extends Layer> layers) {
        extra = List.copyOf(layers);
        apply();
    }

    /** The heatmap, RGB or mask layer of {@code kind}, or null while that row has no map. */
    public Layer layer(LayerKind kind) {
        return layers.get(kind);
    }

    public DemoBadgeLayer badge() {
        return badge;
    }

    /** Everything the binder paints, bottom to top, for exports that compose their own figure. */
    public List<Overlay> overlays() {
        return List.copyOf(owned);
    }

    private void rebuild() {
        for (LayerRow row : model.rows()) {
            if (row.kind().equals(LayerKind.MASK)) {
                MaskMap mask = row.getMask();
                if (mask == null) {
                    layers.remove(LayerKind.MASK);
                } else {
                    layers.put(LayerKind.MASK, maskLayer(row.titleProperty().get(), mask));
                }
                continue;
            }
            PatchMap map = row.getMap();
            Layer existing = layers.get(row.kind());
            if (map == null) {
                layers.remove(row.kind());
            } else if (map.channels() == 3) {
                if (existing instanceof RgbMapLayer rgb) {
                    rgb.setMap(map);
                } else {
                    layers.put(row.kind(), new RgbMapLayer(row.kind().title(), map));
                }
            } else if (existing instanceof HeatmapLayer heat) {
                heat.setMap(map);
            } else {
                layers.put(row.kind(), new HeatmapLayer(row.kind().title(), map));
            }
            if (map != null) {
                notSeen = notSeen == null ? new NotSeenBorderLayer(map.geometry()) : notSeen;
                notSeen.setGeometry(map.geometry());
            }
        }
        if (layers.isEmpty()) {
            notSeen = null;
        }
        apply();
    }

    /** Display names of the methods whose maps a row shows under another kind (the class map's RISE, occlusion). */
    private final Map<String, String> methodTitles = new HashMap<>();

    /** The title of the method that made {@code map}: the row's own, or the class map's chosen method's. */
    private String title(LayerRow row, PatchMap map) {
        if (map.method().equals(row.kind().id())) {
            return row.kind().title();
        }
        return methodTitles.computeIfAbsent(map.method(), m -> LayerKind.forMethod(m).map(LayerKind::title)
                .orElse(row.kind().title()));
    }

    /** Copies every row's settings into its layer and re-lists the overlays. */
    private void apply() {
        ScalarMapLayer topScalar = null;
        for (LayerRow row : model.rows()) {
            Layer layer = layers.get(row.kind());
            if (layer == null) {
                continue;
            }
            if (layer instanceof MaskLayer mask) {
                styleMask(mask, row);
                continue;
            }
            PatchMap map = row.getMap();
            layer.setLabel(map == null ? row.kind().title() : title(row, map) + " \u2014 " + map.description());
            layer.setVisible(row.visibleProperty().get());
            layer.setOpacity(row.opacityProperty().get());
            if (layer instanceof ScalarMapLayer scalar) {
                styleScalar(scalar, row, map);
                if (layer.isVisible()) {
                    topScalar = scalar;
                }
            }
        }
        for (Layer layer : extra) {
            if (layer instanceof ScalarMapLayer scalar && layer.isVisible()) {
                topScalar = scalar;
            }
        }
        double[] point = analysis.clickedPointProperty().get();
        if (point == null) {
            marker.clearPoint();
        } else {
            marker.setPoint(point[0], point[1]);
        }
        LayerRow pointRow = model.row(LayerKind.POINT);
        marker.setVisible(pointRow != null && pointRow.visibleProperty().get() && point != null);
        badge.setActive(model.demoProperty().get());

        List<Overlay> next = new ArrayList<>();
        for (LayerRow row : model.rows()) {
            Layer l = layers.get(row.kind());
            if (l != null) {
                next.add(l);
            }
        }
        next.addAll(extra);
        if (notSeen != null) {
            notSeen.setVisible(model.notSeenBorderProperty().get());
            next.add(notSeen);
        }
        next.add(marker);
        if (topScalar != null) {
            next.add(new ColorbarOverlay(topScalar));
        }
        next.add(badge);
        target.removeAll(owned);
        owned.clear();
        owned.addAll(next);
        target.addAll(Math.min(insertAt, target.size()), next);
        repaint.run();
    }

    /**
     * Copies a scalar row's colormap and threshold into a layer showing {@code map}: the screen and every export
     * (the multi-panel figure builds its own layers) colour and cut a map the same way.
     */
    public static void styleScalar(ScalarMapLayer layer, LayerRow row, PatchMap map) {
        styleScalar(layer, row.colormapProperty().get(), row.thresholdProperty().get(), map);
    }

    /**
     * Colours a scalar layer showing {@code map} with a named colormap over the map's range, transparent below
     * {@code threshold} (a fraction 0–1 of that range; 0 paints everything), as the layers panel does.
     */
    public static void styleScalar(ScalarMapLayer layer, String colormapName, double threshold, PatchMap map) {
        layer.setColormap(colormap(colormapName));
        float[] range = map.range();
        layer.setAutoRange(true); // the layer keeps the map's min–max, computed once per map
        double t = threshold;
        layer.setThreshold(t <= 0 ? Double.NEGATIVE_INFINITY : range[0] + t * (range[1] - range[0]));
    }

    /** A probability mask layer over the whole source image (NaN, where the model saw nothing, is never inside). */
    public static MaskLayer maskLayer(String title, MaskMap mask) {
        return MaskLayer.probability(title + " \u2014 " + mask.label(), mask.width(), mask.height(), mask.width(),
                mask.height(), mask.probability());
    }

    /** Copies the mask row's settings (visible, opacity, fill or contour, threshold, colour) into its layer. */
    public static void styleMask(MaskLayer mask, LayerRow row) {
        mask.setVisible(row.visibleProperty().get());
        mask.setOpacity(row.opacityProperty().get());
        mask.setStyle(row.maskStyleProperty().get() == LayerRow.MaskStyle.CONTOUR ? MaskLayer.Style.CONTOUR
                : MaskLayer.Style.FILL);
        mask.setThreshold(row.thresholdProperty().get());
        mask.setColour(argb(row.colourProperty().get()));
    }

    /** Opaque ARGB of a CSS colour; the layer's red for one it cannot parse. */
    public static int argb(String css) {
        try {
            Color c = Color.web(css);
            return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                    | (int) Math.round(c.getBlue() * 255);
        } catch (RuntimeException e) {
            return 0xFFFF3030;
        }
    }

    /** "#rrggbb" of a colour picked in the panel. */
    public static String css(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    /** The colormap named in preferences or the panel; viridis for a name it does not know. */
    public static Colormap colormap(String name) {
        try {
            return Colormap.byName(name);
        } catch (RuntimeException e) {
            return Colormap.VIRIDIS;
        }
    }
}
