package org.raylens.overlays.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks text into lines no wider than a width, at spaces (a word longer than the width is broken where it must),
 * measured by whatever surface will draw it. Titles and labels wrap rather than lose their ends to an ellipsis:
 * "Attention (CLS) — layer 4/4, head 3" cut to "Attention (C…" no longer says which map it is.
 */
public final class TextWrap {
    private TextWrap() {}

    public static List<String> lines(String text, double width, ToDoubleFunction<String> measure) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (measure.applyAsDouble(candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (measure.applyAsDouble(rest) > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && measure.applyAsDouble(rest.substring(0, n)) > width) {
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
