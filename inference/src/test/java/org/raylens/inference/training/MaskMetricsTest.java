package org.raylens.inference.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskMetricsTest {

    @Test
    void maskMetrics() {
        MaskMetrics m = new MaskMetrics();
        m.add(true, true);
        m.add(true, false);
        m.add(false, true);
        m.add(false, false);
        assertEquals(0.5, m.dice());
        assertEquals(1.0 / 3, m.iou(), 1e-15);
    }
}
