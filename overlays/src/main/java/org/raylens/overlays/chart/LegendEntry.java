package org.raylens.overlays.chart;

import java.util.Objects;

/**
 * One line of a figure legend: a swatch and its text.
 *
 * @param swatch what the swatch shows
 * @param argb   the swatch colour (ignored for {@link Swatch#HATCHED})
 */
public record LegendEntry(Swatch swatch, int argb, String text) {

    /** The kinds of swatch. */
    public enum Swatch {
        /** A filled square: a mask fill or a heatmap's typical colour. */
        FILL,
        /** A square outline: a contour mask. */
        OUTLINE,
        /** The dimmed, hatched square of the "not seen by the model" region. */
        HATCHED,
        /** A ring: the reference point of a click-a-patch map. */
        MARKER
    }

    public LegendEntry {
        Objects.requireNonNull(swatch, "swatch");
        Objects.requireNonNull(text, "text");
    }
}
