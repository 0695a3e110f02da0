package org.raylens.app.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.RgbMapLayer;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.viewer.overlay.Overlay;

/**
 * The overlays the viewport paints, bottom to top, read as an export needs them: which result layers (maps and
 * masks) are shown, which overlays only decorate (scale bar, demo badge, not-seen border, reference point), and the
 * colorbar card the screen shows. Every export — the one-panel figure, the multi-panel figure, the Secondary Capture
 * and the provenance text — takes its layers from here, so each paints the very layer objects the window paints,
 * with the colormap, opacity, threshold and visibility they have on screen. Nothing is rebuilt from the analysis.
 *
 * <p>A result layer is one that shows a computed result: a scalar map ({@link ScalarMapLayer}), an RGB map
 * ({@link RgbMapLayer}) or a mask ({@link MaskLayer}). It is shown when visible and not fully transparent.
 */
public record ScreenLayers(List<Overlay> overlays) {

    public ScreenLayers {
        overlays = List.copyOf(overlays);
    }

    /** What a panel of the whole view paints: everything on screen but the colorbar card (a figure draws its
     * colorbars beside the panels). */
    public List<Overlay> panelOverlays() {
        return overlays.stream().filter(o -> !(o instanceof ColorbarOverlay)).toList();
    }

    /** The result layers the screen shows, in paint order. */
    public List<Layer> shownResults() {
        List<Layer> out = new ArrayList<>();
        for (Overlay o : overlays) {
            if (o instanceof Layer layer && isResult(layer) && layer.isVisible() && layer.opacity() > 0) {
                out.add(layer);
            }
        }
        return out;
    }

    /** The view without any layer: the image with the overlays that are not layers (scale bar, demo badge). */
    public List<Overlay> withoutLayers() {
        return overlays.stream().filter(o -> !(o instanceof Layer) && !(o instanceof ColorbarOverlay)).toList();
    }

    /** The view showing {@code result} alone: every other result layer left out, the decorations kept in place. */
    public List<Overlay> showingOnly(Layer result) {
        return overlays.stream().filter(o -> !(o instanceof ColorbarOverlay))
                .filter(o -> o == result || !(o instanceof Layer l && isResult(l))).toList();
    }

    /** The scalar layer whose colorbar the screen shows, if it shows one. */
    public Optional<ScalarMapLayer> colorbarLayer() {
        if (overlays.stream().noneMatch(o -> o instanceof ColorbarOverlay)) {
            return Optional.empty();
        }
        ScalarMapLayer top = null;
        for (Layer layer : shownResults()) {
            if (layer instanceof ScalarMapLayer scalar) {
                top = scalar;
            }
        }
        return Optional.ofNullable(top);
    }

    /**
     * True when a shown map layer shows {@code map} (e.g. "is this Grad-CAM on screen?"). Compared by value: a map
     * recomputed with the same content (the same layer and head chosen again) is the map on screen.
     */
    public boolean shows(PatchMap map) {
        return map != null && shownResults().stream().anyMatch(l -> l instanceof HeatmapLayer h && map.equals(h.map())
                || l instanceof RgbMapLayer r && map.equals(r.map()));
    }

    /** The shown results in words, for provenance: "attention, Grad-CAM, segmentation mask … (p ≥ 0.5, fill)". */
    public String describe() {
        List<String> shown = new ArrayList<>();
        for (Layer layer : shownResults()) {
            if (layer instanceof HeatmapLayer h) {
                shown.add(h.map().method());
            } else if (layer instanceof RgbMapLayer r) {
                shown.add(r.map().method());
            } else if (layer instanceof MaskLayer m) {
                shown.add(m.label() + " (p \u2265 " + m.threshold() + ", " + m.style().name().toLowerCase() + ")");
            } else {
                shown.add(layer.label());
            }
        }
        return shown.isEmpty() ? "image only" : String.join(", ", shown);
    }

    /** True for a layer that shows a computed result (a map or a mask), not an annotation or a decoration. */
    public static boolean isResult(Layer layer) {
        return layer instanceof ScalarMapLayer || layer instanceof RgbMapLayer || layer instanceof MaskLayer;
    }
}
