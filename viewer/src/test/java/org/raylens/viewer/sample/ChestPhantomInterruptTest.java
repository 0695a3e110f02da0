package org.raylens.viewer.sample;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Issue 12: closing the window interrupts sample generation, which must then stop rather than hold both cores. */
class ChestPhantomInterruptTest {

    @Test
    void anInterruptedCallerStopsTheGenerationAtOnce() {
        ChestPhantom.Spec spec = ChestPhantom.Spec.defaults();
        Thread.currentThread().interrupt();
        try {
            long t0 = System.nanoTime();
            assertThrows(CancellationException.class, () -> ChestPhantom.generate(spec));
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "stopped within a row or band, not at the end");
        } finally {
            Thread.interrupted(); // clear it for the next test on this thread
        }
    }
}
