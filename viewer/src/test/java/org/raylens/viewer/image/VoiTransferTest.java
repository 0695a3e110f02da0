package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The VOI functions at hand-computed points (PS3.3 C.11.2.1.2), for a CT-like window c = 40, w = 400. */
class VoiTransferTest {
    private static final double EPS = 1e-12;

    @Test
    void linearUsesTheMinusHalfMinusOneFormula() {
        // Bounds: c − 0.5 ∓ (w − 1)/2 = −160 and 239.
        assertEquals(0, VoiTransfer.linear(-160, 40, 400), EPS);
        assertEquals(1.0 / 399, VoiTransfer.linear(-159, 40, 400), EPS);
        assertEquals(0.5, VoiTransfer.linear(39.5, 40, 400), EPS);
        assertEquals(0.75, VoiTransfer.linear(139.25, 40, 400), EPS);
        assertEquals(1.0, VoiTransfer.linear(239, 40, 400), EPS);
        assertEquals(1.0, VoiTransfer.linear(239.01, 40, 400), EPS);
        // At x = 40 LINEAR is not yet at mid-grey: (0.5/399 + 0.5).
        assertEquals(0.5 + 0.5 / 399, VoiTransfer.linear(40, 40, 400), EPS);
    }

    @Test
    void linearWithWidthOneIsAThresholdAtCentreMinusHalf() {
        assertEquals(0, VoiTransfer.linear(9.5, 10, 1), EPS);
        assertEquals(1, VoiTransfer.linear(9.51, 10, 1), EPS);
    }

    @Test
    void linearExactHasNoHalfPixelShift() {
        assertEquals(0, VoiTransfer.linearExact(-160, 40, 400), EPS);
        assertEquals(0.5, VoiTransfer.linearExact(40, 40, 400), EPS);
        assertEquals(0.75, VoiTransfer.linearExact(140, 40, 400), EPS);
        assertEquals(1.0, VoiTransfer.linearExact(240, 40, 400), EPS);
        assertEquals(1.0, VoiTransfer.linearExact(1000, 40, 400), EPS);
        // Narrow windows are allowed: w = 0.5 spans 39.75..40.25.
        assertEquals(0.25, VoiTransfer.linearExact(39.875, 40, 0.5), EPS);
    }

    @Test
    void sigmoidIsLogisticInFourTimesTheNormalisedDistance() {
        assertEquals(0.5, VoiTransfer.sigmoid(40, 40, 400), EPS);
        assertEquals(0.7310585786300049, VoiTransfer.sigmoid(140, 40, 400), EPS);
        assertEquals(0.2689414213699951, VoiTransfer.sigmoid(-60, 40, 400), EPS);
    }

    @Test
    void applyDispatchesOnTheWindowsFunction() {
        assertEquals(0.75, VoiTransfer.apply(new VoiWindow(40, 400, VoiFunction.LINEAR, "a"), 139.25), EPS);
        assertEquals(0.75, VoiTransfer.apply(new VoiWindow(40, 400, VoiFunction.LINEAR_EXACT, "b"), 140), EPS);
        assertEquals(0.7310585786300049, VoiTransfer.apply(new VoiWindow(40, 400, VoiFunction.SIGMOID, "c"), 140),
                EPS);
    }

    @Test
    void displayBytesRoundToNearest() {
        assertEquals(191, VoiTransfer.toByte(0.75));
        assertEquals(128, VoiTransfer.toByte(0.5));
        assertEquals(0, VoiTransfer.toByte(-0.1));
        assertEquals(255, VoiTransfer.toByte(1.2));
    }
}
