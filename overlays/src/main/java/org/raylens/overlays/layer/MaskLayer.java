package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A segmentation mask over the image, as a filled area or as its contour. The mask is a raster covering the whole
 * source image (mask pixel (mx, my) covers source pixels [mx·W/mw, (mx+1)·W/mw) and likewise in y; usually the
 * mask has the source's own size). Two kinds:
 * <ul>
 *   <li>probability masks: a point is inside where the value is ≥ the threshold, painted in the layer's colour;</li>
 *   <li>label masks: integer labels, 0 is background, label k painted in {@code palette[(k − 1) % n]}.</li>
 * </ul>
 * Membership is decided per canvas pixel (nearest mask pixel, no interpolation: a mask is a decision, not a
 * continuous quantity); a contour is drawn on inside pixels whose neighbour within the line width differs, so it is
 * equally thick at every zoom.
 */
public final class MaskLayer extends Layer {

    /** How the mask is drawn. */
    public enum Style { FILL, CONTOUR }

    /** Default fill alpha: lets the anatomy show through a filled mask. */
    private static final double FILL_ALPHA = 0.45;

    private final int sourceWidth;
    private final int sourceHeight;
    private final int maskWidth;
    private final int maskHeight;
    private final float[] values;
    private final int[] palette;
    private Style style = Style.FILL;
    private double threshold = 0.5;
    /** The colour a mask is painted in until the user picks another (exports of a mask use it too). */
    public static final int DEFAULT_COLOUR = 0xFFFF3030;

    private int colour = DEFAULT_COLOUR;
    private double contourWidth = 2;
    private final RasterBuffer labelBuffer = new RasterBuffer();
    private final RasterBuffer argbBuffer = new RasterBuffer();

    private MaskLayer(String label, int sourceWidth, int sourceHeight, int maskWidth, int maskHeight, float[] values,
            int[] palette) {
        super(label);
        if (sourceWidth <= 0 || sourceHeight <= 0 || maskWidth <= 0 || maskHeight <= 0
                || values.length != (long) maskWidth * maskHeight) {
            throw new IllegalArgumentException("mask " + maskWidth + "×" + maskHeight + " with " + values.length
                    + " values over a " + sourceWidth + "×" + sourceHeight + " image");
        }
        this.sourceWidth = sourceWidth;
        this.sourceHeight = sourceHeight;
        this.maskWidth = maskWidth;
        this.maskHeight = maskHeight;
        this.values = values.clone();
        this.palette = palette == null ? null : palette.clone();
    }

    /** A probability mask (values usually in [0, 1]) over a {@code sourceWidth × sourceHeight} image. */
    public static MaskLayer probability(String label, int sourceWidth, int sourceHeight, int maskWidth,
            int maskHeight, float[] values) {
        return new MaskLayer(label, sourceWidth, sourceHeight, maskWidth, maskHeight, values, null);
    }

    /** A label mask (0 = background) whose label k is painted {@code palette[(k − 1) % palette.length]}. */
    public static MaskLayer labels(String label, int sourceWidth, int sourceHeight, int maskWidth, int maskHeight,
            int[] labels, int[] palette) {
        if (Objects.requireNonNull(palette, "palette").length == 0) {
            throw new IllegalArgumentException("empty palette");
        }
        float[] v = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            v[i] = labels[i];
        }
        return new MaskLayer(label, sourceWidth, sourceHeight, maskWidth, maskHeight, v, palette);
    }

    public boolean isLabelMask() {
        return palette != null;
    }

    public Style style() {
        return style;
    }

    public void setStyle(Style style) {
        this.style = Objects.requireNonNull(style, "style");
    }

    /** Probability masks: values ≥ threshold are inside. Ignored for label masks. */
    public double threshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        this.threshold = threshold;
    }

    /** Colour of a probability mask (opaque ARGB; opacity comes from the layer). */
    public int colour() {
        return colour;
    }

    public void setColour(int argb) {
        this.colour = argb | 0xFF000000;
    }

    /** Contour line width in view pixels. */
    public double contourWidth() {
        return contourWidth;
    }

    public void setContourWidth(double width) {
        if (!(width > 0 && width <= 20)) {
            throw new IllegalArgumentException("contour width must be in (0, 20]: " + width);
        }
        this.contourWidth = width;
    }

    /** The label at a source point: 0 outside the mask or the image, else the label (1 for probability masks). */
    public int labelAt(double sx, double sy) {
        if (!(sx >= 0 && sy >= 0 && sx < sourceWidth && sy < sourceHeight)) {
            return 0;
        }
        int mx = Math.min(maskWidth - 1, (int) (sx * maskWidth / sourceWidth));
        int my = Math.min(maskHeight - 1, (int) (sy * maskHeight / sourceHeight));
        float v = values[my * maskWidth + mx];
        if (palette == null) {
            return v >= threshold ? 1 : 0;
        }
        return v >= 1 ? (int) v : 0;
    }

    private int colourOfLabel(int label) {
        return palette == null ? colour : palette[(label - 1) % palette.length] | 0xFF000000;
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        ViewRaster raster = ViewRaster.of(g, view);
        int w = raster.width();
        int h = raster.height();
        int[] labels = labelBuffer.take(w * h);
        int[] argb = argbBuffer.take(w * h);
        try {
            labels(raster, labels);
            if (style == Style.FILL) {
                fill(labels, argb, w, h);
            } else {
                contour(labels, argb, w, h, Math.max(1, (int) Math.round(contourWidth * raster.scale())));
            }
            raster.draw(g, argb);
        } finally {
            labelBuffer.release(labels);
            argbBuffer.release(argb);
        }
    }

    /** The colour of each label for this paint (index = label; 0 is transparent), with {@code alpha} applied. */
    private int[] labelColours(boolean fill) {
        int n = palette == null ? 1 : palette.length;
        int[] colours = new int[n + 1];
        for (int k = 1; k <= n; k++) {
            colours[k] = fill ? withAlpha(colourOfLabel(k), FILL_ALPHA * opacity()) : faded(colourOfLabel(k));
        }
        return colours;
    }

    private void fill(int[] labels, int[] argb, int w, int h) {
        int[] colours = labelColours(true);
        int n = colours.length - 1;
        RowBands.forEachRow(w, h, j -> {
            for (int k = j * w, end = k + w; k < end; k++) {
                int label = labels[k];
                argb[k] = label == 0 ? 0 : colours[(label - 1) % n + 1];
            }
        });
    }

    /**
     * Marks inside samples that have a sample of another label within {@code reach} to the left, right, above or
     * below (inside the raster): the 4-neighbour test per sample. Horizontally it is read off the run of equal labels
     * a sample lies in (its distance to either end), so background runs cost one fill and only inside samples look
     * up and down; rows are independent, so they go in parallel bands.
     */
    private void contour(int[] labels, int[] argb, int w, int h, int reach) {
        int[] colours = labelColours(false);
        int n = colours.length - 1;
        RowBands.forEachRow(w, h, j -> {
            int row = j * w;
            int start = 0;
            while (start < w) {
                int label = labels[row + start];
                int end = start + 1;
                while (end < w && labels[row + end] == label) {
                    end++;
                }
                if (label == 0) {
                    java.util.Arrays.fill(argb, row + start, row + end, 0);
                } else {
                    int colour = colours[(label - 1) % n + 1];
                    for (int i = start; i < end; i++) {
                        boolean edge = start > 0 && i - start < reach || end < w && end - i <= reach
                                || verticalEdge(labels, w, h, i, j, label, reach);
                        argb[row + i] = edge ? colour : 0;
                    }
                }
                start = end;
            }
        });
    }

    /** True when a sample within {@code reach} above or below (inside the raster) has another label. */
    private static boolean verticalEdge(int[] labels, int w, int h, int i, int j, int label, int reach) {
        for (int d = 1; d <= reach; d++) {
            if (j - d >= 0 && labels[(j - d) * w + i] != label || j + d < h && labels[(j + d) * w + i] != label) {
                return true;
            }
        }
        return false;
    }

    /**
     * The label under every raster sample, into {@code labels} (every element written). For zoom/pan views the mask
     * column of each raster column and the mask row of each raster row are looked up once (−1 outside the image),
     * leaving one array read per sample.
     */
    private void labels(ViewRaster raster, int[] labels) {
        int w = raster.width();
        int h = raster.height();
        if (raster.view().b() != 0 || raster.view().d() != 0) {
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    labels[j * w + i] = labelAt(raster.sourceX(i, j), raster.sourceY(i, j));
                }
            }
            return;
        }
        int[] maskColumn = new int[w];
        for (int i = 0; i < w; i++) {
            double sx = raster.sourceX(i, 0);
            maskColumn[i] = sx >= 0 && sx < sourceWidth ? Math.min(maskWidth - 1, (int) (sx * maskWidth / sourceWidth))
                    : -1;
        }
        float[] mask = values;
        boolean probability = palette == null;
        double limit = threshold;
        RowBands.forEachRow(w, h, j -> {
            double sy = raster.sourceY(0, j);
            int out = j * w;
            if (!(sy >= 0 && sy < sourceHeight)) {
                java.util.Arrays.fill(labels, out, out + w, 0);
                return;
            }
            int rowStart = Math.min(maskHeight - 1, (int) (sy * maskHeight / sourceHeight)) * maskWidth;
            for (int i = 0; i < w; i++) {
                int mx = maskColumn[i];
                int label = 0;
                if (mx >= 0) {
                    float v = mask[rowStart + mx];
                    label = probability ? (v >= limit ? 1 : 0) : (v >= 1 ? (int) v : 0);
                }
                labels[out + i] = label;
            }
        });
    }
}
