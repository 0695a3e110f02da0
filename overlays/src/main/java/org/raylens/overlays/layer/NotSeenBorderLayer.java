package org.raylens.overlays.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.raylens.core.result.MapGeometry;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * Dims and hatches the parts of the image the model never saw (cut off by the centre crop or left over below the
 * last whole patch) and labels them "not seen by the model", so nobody reads the absence of a heatmap there as "no
 * evidence". The maps themselves are transparent there; this layer makes the reason visible.
 *
 * <p>The region is the image rectangle minus {@link MapGeometry#seenSourceRect()}, as up to four rectangles (top
 * and bottom strips over the full width, left and right strips between them). Views that rotate by multiples of 90°
 * or flip keep rectangles rectangular, which is all {@code ViewTransform} is used for.
 */
public final class NotSeenBorderLayer extends Layer {

    /** The label drawn in the region and used in legends. */
    public static final String TEXT = "not seen by the model";

    static final int DIM_ARGB = 0x73000000;
    static final int HATCH_ARGB = 0xB0FFFFFF;
    static final double HATCH_SPACING_PX = 8;
    static final double LABEL_FONT_PX = 12;

    private MapGeometry geometry;

    public NotSeenBorderLayer(MapGeometry geometry) {
        super("Not seen by the model");
        setGeometry(geometry);
    }

    public MapGeometry geometry() {
        return geometry;
    }

    public void setGeometry(MapGeometry geometry) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
    }

    /** The unseen source rectangles as {x0, y0, x1, y1}, clipped to the image; empty when the model saw it all. */
    public List<double[]> unseenSourceRects() {
        double w = geometry.sourceWidth();
        double h = geometry.sourceHeight();
        double[] seen = geometry.seenSourceRect();
        double x0 = clamp(seen[0], w);
        double y0 = clamp(seen[1], h);
        double x1 = clamp(seen[2], w);
        double y1 = clamp(seen[3], h);
        List<double[]> out = new ArrayList<>();
        addIfNotEmpty(out, 0, 0, w, y0);
        addIfNotEmpty(out, 0, y1, w, h);
        addIfNotEmpty(out, 0, y0, x0, y1);
        addIfNotEmpty(out, x1, y0, w, y1);
        return out;
    }

    /** The unseen region in view coordinates as {x, y, width, height} rectangles. */
    public List<double[]> unseenViewRects(ViewTransform view) {
        List<double[]> out = new ArrayList<>();
        for (double[] r : unseenSourceRects()) {
            out.add(toViewRect(view, r[0], r[1], r[2], r[3]));
        }
        return out;
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        List<double[]> rects = unseenViewRects(view);
        if (rects.isEmpty()) {
            return;
        }
        g.setFillColor(faded(DIM_ARGB));
        for (double[] r : rects) {
            g.fillRect(r[0], r[1], r[2], r[3]);
        }
        g.setStrokeColor(faded(HATCH_ARGB));
        g.setLineWidth(1);
        for (double[] r : rects) {
            hatch(g, r[0], r[1], r[0] + r[2], r[1] + r[3]);
        }
        double[] seen = geometry.seenSourceRect();
        double[] seenView = toViewRect(view, seen[0], seen[1], Math.min(seen[2], geometry.sourceWidth()),
                Math.min(seen[3], geometry.sourceHeight()));
        g.setStrokeColor(faded(0xC0FFFFFF));
        g.strokeRect(seenView[0], seenView[1], seenView[2], seenView[3]);
        label(g, rects);
    }

    /**
     * "/" hatching: lines x + y = k for k on multiples of the spacing (anchored at the view origin, so strips line
     * up with each other), each clipped analytically to the rectangle — no clip path needed, and SVG gets clean
     * vector segments.
     */
    private static void hatch(OverlayCanvas g, double x0, double y0, double x1, double y1) {
        double first = Math.ceil((x0 + y0) / HATCH_SPACING_PX) * HATCH_SPACING_PX;
        for (double k = first; k <= x1 + y1; k += HATCH_SPACING_PX) {
            double xa = Math.max(x0, k - y1);
            double xb = Math.min(x1, k - y0);
            if (xb > xa) {
                g.strokeLine(xa, k - xa, xb, k - xb);
            }
        }
    }

    /** Writes the label where {@link #labelBounds} puts it; leaves it out if no strip has room. */
    private void label(OverlayCanvas g, List<double[]> rects) {
        double[] box = labelBounds(g, rects);
        if (box == null) {
            return;
        }
        double size = box[4];
        g.setFontSize(size);
        double cx = box[0] + box[2] / 2;
        double baseline = box[1] + box[3] / 2 + size * 0.35;
        g.setFillColor(faded(0xFF000000));
        g.fillText(TEXT, cx + 1, baseline + 1, OverlayCanvas.TextAlign.CENTER);
        g.setFillColor(faded(0xFFFFFFFF));
        g.fillText(TEXT, cx, baseline, OverlayCanvas.TextAlign.CENTER);
    }

    /**
     * Where the label goes under {@code view}: {x, y, width, height, font size} of its text box, or null when the
     * model saw everything or no strip has room. The label sits centred in the largest unseen strip once the top
     * band the demo badge may occupy ({@link DemoBadgeLayer#reservedBand}) is taken out of every strip, so the two
     * never overlap, on screen or in any export.
     */
    public double[] labelBounds(OverlayCanvas g, ViewTransform view) {
        return labelBounds(g, unseenViewRects(view));
    }

    private static double[] labelBounds(OverlayCanvas g, List<double[]> rects) {
        double[] band = DemoBadgeLayer.reservedBand(g);
        double bandBottom = band[1] + band[3];
        double[] best = null;
        for (double[] r : rects) {
            // The part of the strip on the canvas and below the band.
            double left = Math.max(r[0], 0);
            double right = Math.min(r[0] + r[2], g.width());
            double top = Math.max(r[1], bandBottom);
            double bottom = Math.min(r[1] + r[3], g.height());
            double[] free = {left, top, right - left, bottom - top};
            if (free[2] > 0 && free[3] > 0 && (best == null || free[2] * free[3] > best[2] * best[3])) {
                best = free;
            }
        }
        if (best == null) {
            return null;
        }
        double size = Math.min(LABEL_FONT_PX, best[3] * 0.7);
        if (size < 7) {
            return null;
        }
        g.setFontSize(size);
        double textWidth = g.textWidth(TEXT);
        if (textWidth + 8 > best[2]) {
            return null;
        }
        double cx = best[0] + best[2] / 2;
        double cy = best[1] + best[3] / 2;
        // The text's box: its measured width, and from the ascent to the descent around the centred baseline
        // (plus the 1-px shadow).
        return new double[] {cx - textWidth / 2, cy - size * 0.65, textWidth + 1, size * 1.3 + 1, size};
    }

    static double[] toViewRect(ViewTransform view, double x0, double y0, double x1, double y1) {
        double[] a = view.toView(x0, y0);
        double[] b = view.toView(x1, y1);
        double[] c = view.toView(x0, y1);
        double[] d = view.toView(x1, y0);
        double minX = Math.min(Math.min(a[0], b[0]), Math.min(c[0], d[0]));
        double maxX = Math.max(Math.max(a[0], b[0]), Math.max(c[0], d[0]));
        double minY = Math.min(Math.min(a[1], b[1]), Math.min(c[1], d[1]));
        double maxY = Math.max(Math.max(a[1], b[1]), Math.max(c[1], d[1]));
        return new double[] {minX, minY, maxX - minX, maxY - minY};
    }

    private static void addIfNotEmpty(List<double[]> out, double x0, double y0, double x1, double y1) {
        if (x1 - x0 > 1e-9 && y1 - y0 > 1e-9) {
            out.add(new double[] {x0, y0, x1, y1});
        }
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max, v));
    }
}
