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
    /** The last colour mapping built; immutable, so a background export may read it while the screen rebuilds it. */
    private volatile ColourScale cachedScale;

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

    /**
     * The current colour mapping, frozen for one paint: range, threshold and a faded 256-entry table. Built once per
     * state (colormap, range, threshold, opacity) and reused by every redraw and every {@link #colourOf} until one of
     * them changes.
     */
    protected final ColourScale colourScale() {
        double min = rangeMin();
        double max = rangeMax();
        double opacity = opacity();
        ColourScale cached = cachedScale;
        if (cached != null && cached.colormap() == colormap && cached.min() == min && cached.max() == max
                && cached.threshold() == threshold && cached.opacity() == opacity) {
            return cached;
        }
        int[] table = new int[Colormap.SIZE];
        for (int i = 0; i < table.length; i++) {
            table[i] = faded(colormap.entry(i));
        }
        double perUnit = max > min ? (table.length - 1) / (max - min) : 0;
        ColourScale scale = new ColourScale(min, max, threshold, perUnit, table, colormap, opacity);
        cachedScale = scale;
        return scale;
    }

    /**
     * A frozen colour mapping; {@link #colourOf} is cheap enough for every pixel of a view. {@code perUnit} is table
     * entries per data unit ((size − 1) / (max − min), 0 for a flat range); {@code colormap} and {@code opacity}
     * record the state the table was built for. The table is never modified after construction.
     */
    protected record ColourScale(double min, double max, double threshold, double perUnit, int[] table,
            Colormap colormap, double opacity) {
        public int colourOf(double value) {
            if (!(value >= threshold)) { // below the threshold, or NaN (not seen)
                return 0;
            }
            int last = table.length - 1;
            double p = (value - min) * perUnit;
            return !(p > 0) ? table[0] : p >= last ? table[last] : table[(int) (p + 0.5)];
        }
    }
}
