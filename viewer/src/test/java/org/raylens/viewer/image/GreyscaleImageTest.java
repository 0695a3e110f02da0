package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GreyscaleImageTest {

    private static GreyscaleImage checkerboard(int size) {
        int[] values = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                values[y * size + x] = ((x + y) & 1) == 0 ? 0 : 255;
            }
        }
        return new GreyscaleImage(size, size, values, false,
                new GreyscalePipeline(ModalityLut.IDENTITY, false, Map.of()), List.of(), null);
    }

    @Test
    void zoomedOutViewsAverageInsteadOfAliasing() {
        GreyscaleImage image = checkerboard(64);
        VoiWindow window = VoiWindow.linear(128, 256, "full");
        int[] dst = new int[16 * 16];
        // A quarter-size view: nearest neighbour alone would hit only the 0 squares (every 4th pixel, even sum).
        image.render(window, false, ViewTransform.zoomPan(0.25, 0, 0), dst, 16, 16, 0);
        for (int p : dst) {
            assertEquals(128, p & 0xFF, 1);
        }
        // Readouts stay exact.
        assertEquals(255, image.modalityValue(1, 0));
    }

    @Test
    void atOneToOneEverySourcePixelIsDrawnExactly() {
        GreyscaleImage image = checkerboard(8);
        int[] dst = new int[64];
        image.render(VoiWindow.linear(128, 256, "full"), false, ViewTransform.zoomPan(1, 0, 0), dst, 8, 8, 0);
        for (int i = 0; i < 64; i++) {
            assertEquals(((i % 8 + i / 8) & 1) == 0 ? 0 : 255, dst[i] & 0xFF);
        }
    }

    @Test
    void theEightBitDisplayImageMatchesTheRenderedGreys() {
        GreyscaleImage image = new GreyscaleImage(3, 1, new int[] {-100, 0, 100}, false,
                new GreyscalePipeline(ModalityLut.IDENTITY, true, Map.of()), List.of(), null);
        // LINEAR_EXACT over −100..100 gives 0, 0.5, 1; inverted by polarity: 1, 0.5, 0 → 255, 128, 0.
        VoiWindow window = new VoiWindow(0, 200, VoiFunction.LINEAR_EXACT, "w");
        byte[] grey = image.displayGrey8(window, false);
        assertEquals(255, grey[0] & 0xFF);
        assertEquals(128, grey[1] & 0xFF);
        assertEquals(0, grey[2] & 0xFF);
    }

    @Test
    void pyramidLevelsRoundTheAverageAndCoverOddSizes() {
        StoredPyramid pyramid = new StoredPyramid(new int[] {1, 2, 3, 4, 5, 6, -1, -2, -4}, 3, 3);
        StoredPyramid.Level half = pyramid.level(1);
        assertEquals(2, half.width());
        assertEquals(2, half.height());
        // (1+2+4+5)/4 = 3; (3+6)/2 = 4.5 → 5; (−1−2)/2 = −1.5 → −1; −4.
        assertEquals(List.of(3, 5, -1, -4), java.util.Arrays.stream(half.values()).boxed().toList());
        assertEquals(1, pyramid.level(5).width(), "levels stop at one pixel");
    }
}
