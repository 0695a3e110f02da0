package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.resources.colormap.Colormap;

/**
 * A layer that shows one scalar per point through a colormap: a value range that maps onto the colormap's ends and a
 * threshold below which the layer is transparent. The range follows the data ("auto") until the user sets one.
 */
public abstract class ScalarMapLayer extends Layer {

    private Colormap colormap = Colormap.VIRIDIS;
    private boolean autoRange = true;
    private double rangeMin;
    private double rangeMax;
    private double threshold = Double.NEGATIVE_INFINITY;

    protected ScalarMapLayer(String label) {
        super(label);
    }

    /** {min, max} of the data the layer shows, used while the range is automatic. */
    protected abstract double[] dataRange();

    public Colormap colormap() {
        return colormap;
    }

    public void setColormap(Colormap colormap) {
        this.colormap = Objects.requireNonNull(colormap, "colormap");
    }

    /** The value shown as the colormap's lowest colour. */
    public double rangeMin() {
        return autoRange ? dataRange()[0] : rangeMin;
    }

    /** The value shown as the colormap's highest colour. */
    public double rangeMax() {
        return autoRange ? dataRange()[1] : rangeMax;
    }

    public boolean isAutoRange() {
        return autoRange;
    }

    /** Fixes the value range (for comparing maps on one scale); {@link #setAutoRange} returns to the data's range. */
    public void setRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException("range must be finite with max > min: [" + min + ", " + max + "]");
        }
        this.rangeMin = min;
        this.rangeMax = max;
        this.autoRange = false;
    }

    public void setAutoRange(boolean auto) {
        if (!auto && !autoRange) {
            return;
        }
        if (!auto) {
            double[] r = dataRange();
            rangeMin = r[0];
            rangeMax = r[1];
        }
        this.autoRange = auto;
    }

    /** Values below the threshold are not painted; −∞ (the default) paints everything. */
    public double threshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold is NaN");
        }
        this.threshold = threshold;
    }

    /**
     * The ARGB for a data value with this layer's colormap, range, threshold and opacity; 0 (transparent) for NaN
     * (not seen) and for values below the threshold. A flat range (max = min, e.g. a Grad-CAM with no positive
     * evidence) shows the low end everywhere: a map without contrast highlights nothing.
     */
    public final int colourOf(double value) {
        return colourScale().colourOf(value);
    }

    /** The current colour mapping, frozen for one paint: range, threshold and a faded 256-entry table. */
    protected final ColourScale colourScale() {
        int[] table = new int[org.raylens.resources.colormap.Colormap.SIZE];
        for (int i = 0; i < table.length; i++) {
            table[i] = faded(colormap.entry(i));
        }
        return new ColourScale(rangeMin(), rangeMax(), threshold, table);
    }

    /** A frozen colour mapping; {@link #colourOf} is cheap enough for every pixel of a view. */
    protected record ColourScale(double min, double max, double threshold, int[] table) {
        public int colourOf(double value) {
            if (Double.isNaN(value) || value < threshold) {
                return 0;
            }
            double t = max > min ? (value - min) / (max - min) : 0;
            if (!(t > 0)) {
                return table[0];
            }
            if (t >= 1) {
                return table[table.length - 1];
            }
            return table[(int) (t * (table.length - 1) + 0.5)];
        }
    }
}
