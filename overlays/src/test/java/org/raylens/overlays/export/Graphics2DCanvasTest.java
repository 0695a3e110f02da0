package org.raylens.overlays.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The export side of the raster contract FxOverlayCanvasTest checks on screen: opaque samples unchanged, transparent
 * ones invisible, others blended by alpha, one sample per device pixel at any DPI.
 */
class Graphics2DCanvasTest {

    private static final int W = 40;
    private static final int H = 30;
    private static final int BACKGROUND = 0xFF204060;

    @Test
    void rasterSamplesLandOnTheirPixelsAndBlendByAlpha() {
        for (double scale : new double[] {1, 2}) {
            int rw = (int) (W * scale);
            int rh = (int) (H * scale);
            int[] raster = new int[rw * rh];
            for (int k = 0; k < raster.length; k++) {
                int colour = (k * 2654435761L % 0xFFFFFF > 0 ? (int) (k * 2654435761L % 0xFFFFFF) : 0);
                raster[k] = switch (k % 3) {
                    case 0 -> 0xFF000000 | colour;
                    case 1 -> 0;
                    default -> 0x80000000 | colour;
                };
            }
            BufferedImage image = new BufferedImage(rw, rh, BufferedImage.TYPE_INT_RGB);
            Graphics2D g2 = image.createGraphics();
            Graphics2DCanvas g = new Graphics2DCanvas(g2, W, H, scale);
            g.setFillColor(BACKGROUND);
            g.fillRect(0, 0, W, H);
            g.drawArgb(raster, rw, rh, 0, 0, W, H);
            g2.dispose();
            for (int k = 0; k < raster.length; k++) {
                int src = raster[k];
                int alpha = src >>> 24;
                int actual = image.getRGB(k % rw, k / rw);
                if (alpha == 255) {
                    assertEquals(src, actual, "opaque sample " + k + " at scale " + scale);
                } else if (alpha == 0) {
                    assertEquals(BACKGROUND, actual, "transparent sample " + k);
                } else {
                    for (int shift = 0; shift <= 16; shift += 8) {
                        double a = alpha / 255.0;
                        double expected = a * ((src >> shift) & 0xFF) + (1 - a) * ((BACKGROUND >> shift) & 0xFF);
                        assertEquals(expected, (actual >> shift) & 0xFF, 1.5, "blended sample " + k);
                    }
                }
            }
        }
    }
}
