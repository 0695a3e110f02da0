package org.raylens.overlays.figure;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;

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
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(rest, size) > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && width(rest.substring(0, n), size) > width) {
                    n--;
                }
                lines.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
