package org.raylens.overlays.figure;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;
import org.raylens.overlays.chart.TextWrap;

/**
 * Text widths of the figure font (the JDK's logical "SansSerif"), measured without a screen. Layout, the PNG canvas
 * and the SVG canvas all measure with this, so a label that fits in one export fits in the others.
 */
public final class TextMetrics {

    public static final String FAMILY = "SansSerif";
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    private TextMetrics() {}

    public static Font font(double size) {
        return new Font(FAMILY, Font.PLAIN, 1).deriveFont((float) size);
    }

    public static double width(String text, double size) {
        return font(size).getStringBounds(text, CONTEXT).getWidth();
    }

    /** Splits text into lines no wider than {@code width}, breaking at spaces (long words are hard-broken). */
    public static List<String> wrap(String text, double size, double width) {
        return TextWrap.lines(text, width, t -> width(t, size));
    }

    /**
     * {@code text} if it is no wider than {@code width}, else its longest start that fits with an ellipsis after it
     * (a panel's title must not run into the next panel).
     */
    public static String elide(String text, double size, double width) {
        if (width(text, size) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && width(text.substring(0, end).stripTrailing() + "\u2026", size) > width) {
            end--;
        }
        return end == 0 ? "" : text.substring(0, end).stripTrailing() + "\u2026";
    }
}
