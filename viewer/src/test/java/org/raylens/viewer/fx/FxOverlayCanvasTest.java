package org.raylens.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Raster overlays (heatmaps, masks) reach the screen through {@link FxOverlayCanvas#drawArgb}: at 1:1 every sample
 * must land on its own pixel unchanged (opaque), be invisible (alpha 0) or blend by its alpha, so that the screen
 * and an exported figure, which draws the same samples through Graphics2D, show the same pixels.
 */
@ExtendWith(ApplicationExtension.class)
class FxOverlayCanvasTest {

    private static final int W = 40;
    private static final int H = 30;
    private static final int BACKGROUND = 0xFF204060;

    @Test
    void rasterSamplesLandOnTheirPixelsAndBlendByAlpha() throws Exception {
        int[] raster = new int[W * H];
        for (int j = 0; j < H; j++) {
            for (int i = 0; i < W; i++) {
                int colour = (i * 6) << 16 | (j * 8) << 8 | ((i + j) * 3);
                raster[j * W + i] = switch ((i + j) % 3) {
                    case 0 -> 0xFF000000 | colour;
                    case 1 -> 0;
                    default -> 0x80000000 | colour;
                };
            }
        }
        int[] px = paint(g -> {
            g.setFillColor(BACKGROUND);
            g.fillRect(0, 0, W, H);
            g.drawArgb(raster, W, H, 0, 0, W, H);
        });
        for (int k = 0; k < raster.length; k++) {
            int src = raster[k];
            int alpha = src >>> 24;
            if (alpha == 255) {
                assertEquals(src, px[k], "opaque sample " + k);
            } else if (alpha == 0) {
                assertEquals(BACKGROUND, px[k], "transparent sample " + k);
            } else {
                for (int shift = 0; shift <= 16; shift += 8) {
                    double a = alpha / 255.0;
                    double expected = a * ((src >> shift) & 0xFF) + (1 - a) * ((BACKGROUND >> shift) & 0xFF);
                    assertEquals(expected, (px[k] >> shift) & 0xFF, 1.5, "blended sample " + k);
                }
            }
        }
    }

    @Test
    void clipConfinesDrawingUntilPopped() throws Exception {
        int[] px = paint(g -> {
            g.setFillColor(0xFF000000);
            g.fillRect(0, 0, W, H);
            g.pushClip(10, 10, 10, 10);
            g.setFillColor(0xFFFFFFFF);
            g.fillRect(0, 0, W, H);
            g.popClip();
            g.setFillColor(0xFFFF0000);
            g.fillRect(30, 0, 10, 5);
        });
        assertEquals(0xFFFFFFFF, px[15 * W + 15]);
        assertEquals(0xFF000000, px[5 * W + 5]);
        assertEquals(0xFF000000, px[25 * W + 25]);
        assertEquals(0xFFFF0000, px[2 * W + 35], "drawing after popClip is not clipped");
    }

    private interface Painting {
        void paint(FxOverlayCanvas g);
    }

    private static int[] paint(Painting painting) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Canvas canvas = new Canvas(W, H);
            painting.paint(new FxOverlayCanvas(canvas.getGraphicsContext2D(), W, H));
            WritableImage img = canvas.snapshot(null, null);
            int[] argb = new int[W * H];
            img.getPixelReader().getPixels(0, 0, W, H, PixelFormat.getIntArgbInstance(), argb, 0, W);
            return argb;
        }).get(10, TimeUnit.SECONDS);
    }
}
