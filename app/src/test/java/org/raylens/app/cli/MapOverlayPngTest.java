package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.preprocess.GreyImage8;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PNG overlay puts a patch's value over that patch's source pixels and dims what the model did not see. */
class MapOverlayPngTest {
    @TempDir
    Path tmp;

    @Test
    void hotPatchLandsOnItsSourceRectangle() throws IOException {
        // source 120×80 → 84×56, crop 56×56 at x = 14: patch (1, 2) covers source x [60, 80), y [20, 40)
        MapGeometry g = new MapGeometry(120, 80, 84, 56, 14, 0, 56, 56, 14, 4, 4);
        float[] v = new float[16];
        v[1 * 4 + 2] = 5f;
        PatchMap map = new PatchMap("test", "one hot patch", 4, 4, 1, v, g, "test");
        Path png = tmp.resolve("o.png");
        // as an RGB map (white hot patch) the brightest pixel must sit at the patch centre in the source, (70, 30)
        float[] rgb = new float[48];
        rgb[(1 * 4 + 2) * 3] = rgb[(1 * 4 + 2) * 3 + 1] = rgb[(1 * 4 + 2) * 3 + 2] = 1f;
        PatchMap rgbMap = new PatchMap("test", "one hot patch", 4, 4, 3, rgb, g, "test");
        MapOverlayPng.write(png, new GreyImage8(120, 80, new byte[120 * 80]), rgbMap, rgb);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(120, img.getWidth());
        int best = -1;
        int bx = 0;
        int by = 0;
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                int[] c = rgb(img.getRGB(x, y));
                if (c[0] + c[1] + c[2] > best) {
                    best = c[0] + c[1] + c[2];
                    bx = x;
                    by = y;
                }
            }
        }
        assertEquals(70, bx, 1, "peak x");
        assertEquals(30, by, 1, "peak y");
        // the scalar map on the colour ramp: the patch centre shows the top of the ramp, far patches the bottom
        MapOverlayPng.write(png, new GreyImage8(120, 80, new byte[120 * 80]), map, null);
        img = ImageIO.read(png.toFile());
        // pixel (70, 30) samples the grid at source (70.5, 30.5): bilinear weight of patch (1, 2) there
        double u = g.sourceToInputX(70.5) / 14 - 0.5;
        double w = g.sourceToInputY(30.5) / 14 - 0.5;
        int[] top = MapOverlayPng.ramp((float) ((1 - Math.abs(u - 2)) * (1 - Math.abs(w - 1))));
        int[] bottom = MapOverlayPng.ramp(0f);
        int[] centre = rgb(img.getRGB(70, 30));
        int[] far = rgb(img.getRGB(30, 70));
        for (int k = 0; k < 3; k++) {
            assertEquals(top[k] / 2.0, centre[k], 1, "centre channel " + k);
            assertEquals(bottom[k] / 2.0, far[k], 1, "far channel " + k);
        }
        // the cropped-away band (source x < 20) is dimmed background, uncoloured
        assertArrayEquals(new int[]{0, 0, 0}, rgb(img.getRGB(10, 40)));
    }

    private static int[] rgb(int p) {
        return new int[]{(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }
}
