package org.raylens.overlays.figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.Legend;
import org.raylens.overlays.chart.LegendEntry;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.overlays.layer.PointMarkerLayer;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.viewer.overlay.Overlay;

/**
 * The colorbars and legend a figure needs for the layers its panels show, derived from the layers themselves so they
 * cannot disagree with the picture: one colorbar per visible scalar map (with its current colormap, range and
 * threshold), one legend line per visible mask, reference point and not-seen region. Layers shared between panels
 * are listed once.
 */
public final class FigureDecorations {
    private FigureDecorations() {}

    /** Adds the colorbars and legend for all panels already added to {@code builder}'s figure. */
    public static Figure.Builder addFor(Figure.Builder builder, List<FigurePanel> panels) {
        for (Colorbar c : colorbars(panels)) {
            builder.addColorbar(c);
        }
        Legend legend = legend(panels);
        if (!legend.entries().isEmpty()) {
            builder.optLegend(legend);
        }
        return builder;
    }

    public static List<Colorbar> colorbars(List<FigurePanel> panels) {
        List<Colorbar> out = new ArrayList<>();
        for (Layer layer : visibleLayers(panels)) {
            if (layer instanceof ScalarMapLayer map) {
                out.add(Colorbar.of(map));
            }
        }
        return out;
    }

    public static Legend legend(List<FigurePanel> panels) {
        Map<String, LegendEntry> entries = new LinkedHashMap<>();
        for (Layer layer : visibleLayers(panels)) {
            if (layer instanceof MaskLayer mask) {
                LegendEntry.Swatch swatch = mask.style() == MaskLayer.Style.FILL ? LegendEntry.Swatch.FILL
                        : LegendEntry.Swatch.OUTLINE;
                String text = mask.isLabelMask() ? mask.label()
                        : mask.label() + " (p \u2265 " + trim(mask.threshold()) + ")";
                entries.putIfAbsent(text, new LegendEntry(swatch, mask.colour(), text));
            } else if (layer instanceof PointMarkerLayer point && point.hasPoint()) {
                entries.putIfAbsent(point.label(), new LegendEntry(LegendEntry.Swatch.MARKER, 0xFF00A0B0,
                        point.label()));
            } else if (layer instanceof NotSeenBorderLayer border && !border.unseenSourceRects().isEmpty()) {
                entries.putIfAbsent(NotSeenBorderLayer.TEXT,
                        new LegendEntry(LegendEntry.Swatch.HATCHED, 0, NotSeenBorderLayer.TEXT));
            } else if (layer instanceof HeatmapLayer heat && heat.threshold() > Double.NEGATIVE_INFINITY) {
                String text = heat.label() + ": transparent below " + trim(heat.threshold());
                entries.putIfAbsent(text, new LegendEntry(LegendEntry.Swatch.FILL, heat.colormap().entry(255), text));
            }
        }
        return new Legend(List.copyOf(entries.values()));
    }

    private static List<Layer> visibleLayers(List<FigurePanel> panels) {
        List<Layer> out = new ArrayList<>();
        for (FigurePanel panel : panels) {
            for (Overlay overlay : panel.overlays()) {
                if (overlay instanceof Layer layer && layer.isVisible() && layer.opacity() > 0
                        && out.stream().noneMatch(l -> l == layer)) {
                    out.add(layer);
                }
            }
        }
        return out;
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }
}
