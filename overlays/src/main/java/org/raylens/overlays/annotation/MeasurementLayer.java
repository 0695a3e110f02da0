package org.raylens.overlays.annotation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.RoiStatistics;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;
import org.raylens.viewer.overlay.OverlayCanvas.TextAlign;

/**
 * The current image's measurements (and the one being drawn), painted in view coordinates from their source
 * coordinates, each labelled: a distance with its length, an angle with its degrees (measured in mm), an ROI
 * (rectangle, ellipse or freehand polygon) with its area, the image's statistics inside it
 * and those of every visible heatmap layer with the share of its mass inside.
 *
 * <p>Statistics are computed once per (measurement, image, map) and kept, so a pan or zoom repaints without
 * recomputing; the shape being dragged shows only its length or area, so drawing stays fluid on a large image.
 */
public final class MeasurementLayer extends Layer {

    static final double FONT_SIZE_PX = 12;
    static final double LINE_HEIGHT_PX = 15;
    private static final int SHAPE_COLOR = 0xFFFFEB3B;
    private static final int CACHE_ENTRIES = 128;
    /** The side orientation letters sit 8 px in and are about 15 px wide: labels start right of them. */
    static final double SIDE_LETTER_CLEARANCE_PX = 30;

    private final ImageMeasurements store;
    private final Supplier<DisplayableImage> image;
    private final Supplier<CalibratedSpacing> spacing;
    private final Supplier<List<? extends Overlay>> layers;
    private final Map<Object, Object> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /**
     * @param image   the image shown (for its modality values), asked on every paint
     * @param spacing the image's spacing and its source, asked on every paint
     * @param layers  the viewport's overlays; the visible {@link HeatmapLayer}s among them get ROI statistics
     */
    public MeasurementLayer(ImageMeasurements store, Supplier<DisplayableImage> image,
            Supplier<CalibratedSpacing> spacing, Supplier<List<? extends Overlay>> layers) {
        super("Measurements");
        this.store = Objects.requireNonNull(store, "store");
        this.image = Objects.requireNonNull(image, "image");
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.layers = Objects.requireNonNull(layers, "layers");
    }

    public ImageMeasurements store() {
        return store;
    }

    /** The label lines of a measurement as painted: length, or area and statistics of the image and maps. */
    public List<String> describe(Measurement m) {
        CalibratedSpacing s = spacing.get();
        if (!(m instanceof Roi roi)) {
            return sizeOnly(m);
        }
        List<String> lines = new ArrayList<>();
        lines.add(MeasurementText.area(roi, s));
        DisplayableImage img = image.get();
        if (img != null) {
            lines.add(MeasurementText.image(imageStatistics(roi, img), img));
        }
        for (HeatmapLayer h : visibleHeatmaps()) {
            lines.add(MeasurementText.heatmap(h.label(), heatmapStatistics(roi, h)));
        }
        return lines;
    }

    /** The image's statistics inside {@code roi}, in modality units. */
    public RoiStatistics imageStatistics(Roi roi, DisplayableImage img) {
        synchronized (cache) { // an export may paint on a background thread while the screen does
            return (RoiStatistics) cache.computeIfAbsent(List.of(roi, img),
                    k -> RoiStatistics.over(roi, img.width(), img.height(), img::modalityValue));
        }
    }

    /** A heatmap's statistics and mass share inside {@code roi}. */
    public HeatmapRoiStatistics heatmapStatistics(Roi roi, HeatmapLayer layer) {
        PatchMap map = layer.map();
        boolean cells = layer.showsPatchCells();
        synchronized (cache) {
            double total = (Double) cache.computeIfAbsent(List.of("mass", map, cells),
                    k -> HeatmapRoiStatistics.totalMass(layer));
            return (HeatmapRoiStatistics) cache.computeIfAbsent(List.of(roi, map, cells),
                    k -> HeatmapRoiStatistics.of(layer, roi, total));
        }
    }

    /** The spacing measurements are given in now. */
    public CalibratedSpacing spacing() {
        return spacing.get();
    }

    /** The image measured (null while none is shown). */
    public DisplayableImage image() {
        return image.get();
    }

    /** The heatmap layers that are visible now, bottom to top: those an ROI reports on. */
    public List<HeatmapLayer> visibleHeatmaps() {
        List<HeatmapLayer> out = new ArrayList<>();
        for (Overlay o : layers.get()) {
            if (o instanceof HeatmapLayer h && h.isVisible()) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        g.setFontSize(FONT_SIZE_PX);
        g.setLineWidth(1.5);
        int colour = faded(SHAPE_COLOR);
        List<Measurement> all = store.current();
        for (int i = 0; i < all.size(); i++) {
            Measurement m = all.get(i);
            paintOne(g, view, m, i == store.editing() ? sizeOnly(m) : describe(m), colour);
        }
        Measurement draft = store.draft();
        if (draft != null) {
            paintOne(g, view, draft, sizeOnly(draft), colour);
        }
    }

    /** The label of a shape still under the mouse: its length or area, no statistics yet. */
    private List<String> sizeOnly(Measurement m) {
        CalibratedSpacing s = spacing.get();
        if (m instanceof Measurement.Distance d) {
            return List.of(MeasurementText.length(d, s));
        }
        if (m instanceof Measurement.Angle a) {
            return List.of(MeasurementText.angle(a, s));
        }
        return List.of(MeasurementText.area((Roi) m, s));
    }

    private void paintOne(OverlayCanvas g, ViewTransform view, Measurement m, List<String> text, int colour) {
        g.setStrokeColor(colour);
        List<Measurement.Point> points = m.points();
        double[][] v = new double[points.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = view.toView(points.get(i).x(), points.get(i).y());
        }
        if (m instanceof Measurement.Distance) {
            g.strokeLine(v[0][0], v[0][1], v[1][0], v[1][1]);
            tick(g, v[0], v[1]);
            tick(g, v[1], v[0]);
        } else if (m instanceof Measurement.Angle) {
            g.strokeLine(v[0][0], v[0][1], v[1][0], v[1][1]);
            g.strokeLine(v[1][0], v[1][1], v[2][0], v[2][1]);
        } else if (m instanceof Roi.Freehand) {
            strokePolygon(g, v);
        } else {
            // a quarter-turn view keeps the box axis-aligned in view space: the two corners are opposite either way
            double x = Math.min(v[0][0], v[1][0]);
            double y = Math.min(v[0][1], v[1][1]);
            double w = Math.abs(v[1][0] - v[0][0]);
            double h = Math.abs(v[1][1] - v[0][1]);
            if (m instanceof Roi.Ellipse) {
                g.strokeOval(x, y, w, h);
            } else {
                g.strokeRect(x, y, w, h);
            }
        }
        double right = Double.NEGATIVE_INFINITY;
        double left = Double.POSITIVE_INFINITY;
        double bottomOfShape = Double.NEGATIVE_INFINITY;
        for (double[] p : v) {
            right = Math.max(right, p[0]);
            left = Math.min(left, p[0]);
            bottomOfShape = Math.max(bottomOfShape, p[1]);
        }
        // beside the shape's lower right; on its left, or higher up, where the view's edge would cut the label
        double textWidth = 0;
        for (String line : text) {
            textWidth = Math.max(textWidth, g.textWidth(line));
        }
        double tx = right + 6;
        if (tx + textWidth > g.width() - 4) {
            // on the left; never into the column of the side orientation letter where the label fits beside it
            tx = Math.max(Math.min(SIDE_LETTER_CLEARANCE_PX, g.width() - 4 - textWidth), left - 6 - textWidth);
            tx = Math.max(4, tx);
        }
        double ty = bottomOfShape + FONT_SIZE_PX;
        double bottom = ty + (text.size() - 1) * LINE_HEIGHT_PX;
        if (bottom > g.height() - 4) {
            ty -= bottom - (g.height() - 4);
        }
        for (int i = 0; i < text.size(); i++) {
            ShadowedText.draw(g, text.get(i), tx, ty + i * LINE_HEIGHT_PX, TextAlign.LEFT, colour);
        }
    }

    /** A closed outline through view points (the last joined to the first). */
    private static void strokePolygon(OverlayCanvas g, double[][] v) {
        for (int i = 0; i < v.length; i++) {
            double[] a = v[i];
            double[] b = v[(i + 1) % v.length];
            g.strokeLine(a[0], a[1], b[0], b[1]);
        }
    }

    /** A short bar across the end of a distance line, so its ends are exact even where the line is faint. */
    private static void tick(OverlayCanvas g, double[] end, double[] other) {
        double dx = other[0] - end[0];
        double dy = other[1] - end[1];
        double len = Math.hypot(dx, dy);
        if (len < 1e-9) {
            return;
        }
        double nx = -dy / len * 5;
        double ny = dx / len * 5;
        g.strokeLine(end[0] - nx, end[1] - ny, end[0] + nx, end[1] + ny);
    }
}
