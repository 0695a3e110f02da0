package org.raylens.overlays.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A panel title longer than its panel is cut with an ellipsis to fit; a short one is left alone. */
class TextMetricsTest {

    @Test
    void elidesToTheWidth() {
        String label = "Attention (CLS) \u2014 CLS \u2192 patches, layer 12/12, mean of 12 heads";
        assertEquals("Grad-CAM", TextMetrics.elide("Grad-CAM", 13, 200));
        double full = TextMetrics.width(label, 13);
        String cut = TextMetrics.elide(label, 13, full / 2);
        assertTrue(cut.endsWith("\u2026") && label.startsWith(cut.substring(0, cut.length() - 1)), cut);
        assertTrue(TextMetrics.width(cut, 13) <= full / 2, cut);
        assertTrue(TextMetrics.width(label.substring(0, cut.length()) + "\u2026", 13) > full / 2 - 20, "not cut short");
        assertEquals("", TextMetrics.elide(label, 13, 1), "no room at all: nothing");
    }
}
