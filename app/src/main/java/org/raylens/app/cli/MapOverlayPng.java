package org.raylens.app.cli;

import org.raylens.app.RayLensVersion;
import org.raylens.app.layers.LayerBinder;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.prefs.Preferences;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.export.ExportException;
import org.raylens.overlays.export.FigureExporter;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.overlays.layer.RgbMapLayer;
import org.raylens.viewer.image.ColorImage;
import org.raylens.viewer.overlay.Overlay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The picture {@code raylens explain --out map.png} writes: the same one-panel figure the window exports, painted by
 * the overlays module's figure painter and written by its exporter (atomically). The panel is the image the model was
 * given (8-bit grey) under the map's layer (a {@link HeatmapLayer} with the window's default colormap, opacity and
 * threshold, or an {@link RgbMapLayer} for PCA), the "not seen by the model" border, and the DEMO badge when the
 * weights are random; beside it the map's colorbar, below it the provenance footer.
 *
 * <p>Pixel grid: the panel shows the image at its own resolution (one image pixel per figure unit) and the PNG is
 * written at {@value #DPI} dpi, one figure unit per PNG pixel, so the map lies on the image's own pixel grid.
 */
final class MapOverlayPng {
    /** Screen resolution: the panel's PNG pixels are the image's pixels. */
    static final int DPI = FigureExporter.SCREEN_DPI;
    /** The largest panel side a figure takes; larger images are scaled down to fit. */
    private static final int MAX_PANEL = 20_000;

    private MapOverlayPng() {
    }

    /**
     * How the map is coloured: a colormap name, the layer's opacity (0–1) and a threshold as a fraction (0–1) of the
     * map's range below which it is transparent (0: none), as in the layers panel.
     */
    record Settings(String colormap, double opacity, double threshold) {
        /** What a new layer of {@code kind} starts with in the window (its default preferences). */
        static Settings windowDefaults(LayerKind kind) {
            Preferences defaults = new Preferences();
            return new Settings(kind.defaultColormap(defaults.defaultColormap), defaults.defaultOpacity, 0);
        }
    }

    /**
     * Writes the overlay of {@code map} on {@code background} with the window's defaults, replacing {@code file};
     * the footer names the {@code image} (its source URI as {@code SourceNames} writes it; null for none).
     */
    static void write(Path file, GreyImage8 background, PatchMap map, ModelProvenance model, String image)
            throws IOException {
        write(file, figure(background, map, Settings.windowDefaults(kindOf(map)), provenance(map, model,
                Instant.now()).withImage(image)));
    }

    /** Writes a figure as the CLI's PNG: {@value #DPI} dpi, replacing the file atomically. */
    static void write(Path file, Figure figure) throws IOException {
        try {
            FigureExporter.write(figure, file, FigureExporter.Format.PNG, new FigureExporter.Options(DPI, true));
        } catch (ExportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The one-panel figure of {@code map} over {@code background} (the image the map's geometry starts from). */
    static Figure figure(GreyImage8 background, PatchMap map, Settings settings, Provenance provenance) {
        if (background.width() != map.geometry().sourceWidth()
                || background.height() != map.geometry().sourceHeight()) {
            throw new IllegalArgumentException("background " + background.width() + "x" + background.height()
                    + " is not the map's source " + map.geometry().sourceWidth() + "x"
                    + map.geometry().sourceHeight());
        }
        // a registered method is titled by its own display name (Grad-CAM++, or one registered from outside)
        String name = org.raylens.inference.explain.Explainers.load().find(map.method())
                .map(org.raylens.inference.explain.Explainer::displayName).orElse(kindOf(map).title());
        String title = name + " \u2014 " + map.description();
        Layer layer = map.channels() == 3 ? new RgbMapLayer(title, map) : heatmap(title, map, settings);
        layer.setOpacity(settings.opacity());
        List<Overlay> overlays = new ArrayList<>(List.of(layer, new NotSeenBorderLayer(map.geometry())));
        if (provenance.demo()) {
            overlays.add(new DemoBadgeLayer(true));
        }
        FigurePanel panel = FigurePanel.fitted(title, image(background), null,
                Math.min(background.width(), MAX_PANEL), Math.min(background.height(), MAX_PANEL), overlays);
        Figure.Builder b = Figure.builder(provenance).addPanel(panel);
        if (layer instanceof HeatmapLayer heat) {
            b.addColorbar(Colorbar.of(heat));
        }
        return b.build();
    }

    /** The footer of a CLI map: the model's folder and digest, the method, and the map's own provenance line. */
    static Provenance provenance(PatchMap map, ModelProvenance model, Instant at) {
        Path weights = Path.of(model.weightsFile());
        Path folder = weights.getParent() != null ? weights.getParent().getFileName() : weights.getFileName();
        return new Provenance(folder == null ? model.weightsFile() : folder.toString(), model.sha256(), null,
                map.method(), map.description(), null, map.provenance(), RayLensVersion.current().version(), at,
                model.synthetic());
    }

    /** The layers-panel row a map of this method belongs to (its title and default colormap). */
    static LayerKind kindOf(PatchMap map) {
        // the registry's kind for the method that made the map; a derived map (e.g. PCA's foreground mask) by its shape
        return LayerKind.forMethod(map.method()).filter(k -> k.scalar() == (map.channels() == 1))
                .orElseGet(() -> map.channels() == 3 ? LayerKind.PCA : LayerKind.ATTENTION);
    }

    private static HeatmapLayer heatmap(String title, PatchMap map, Settings settings) {
        HeatmapLayer heat = new HeatmapLayer(title, map);
        LayerBinder.styleScalar(heat, settings.colormap(), settings.threshold(), map);
        return heat;
    }

    /** The 8-bit grey image as a displayable image, each grey level shown as itself. */
    private static ColorImage image(GreyImage8 grey) {
        byte[] px = grey.pixels();
        int[] argb = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            int v = px[i] & 0xff;
            argb[i] = 0xFF000000 | v << 16 | v << 8 | v;
        }
        return new ColorImage(grey.width(), grey.height(), argb, null);
    }
}
