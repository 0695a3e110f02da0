package org.raylens.app.cli;

import org.raylens.core.io.AtomicFiles;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.preprocess.GreyImage8;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A quick coloured overlay of a patch map on its source image, for {@code raylens explain --out map.png}: the map is
 * sampled bilinearly at every source pixel through {@link MapGeometry} (patch centres are the sample points), scalar
 * maps are min–max scaled and coloured with a small blue→red ramp, RGB maps (PCA) are used as they are, and what the
 * model did not see (the cropped-away border) is dimmed instead of stretched. The full overlay and figure system is
 * the overlays module's; this is the command line's own minimal rendering.
 */
final class MapOverlayPng {
    private static final int[][] RAMP = {{0, 0, 130}, {0, 90, 255}, {0, 220, 220}, {250, 230, 0}, {255, 60, 0}, {160, 0, 0}};
    private static final float ALPHA = 0.5f;
    private static final float DIM = 0.35f;

    private MapOverlayPng() {
    }

    /**
     * @param background the source image (8-bit grey), of the geometry's source size
     * @param rgb        for 3-channel maps, the display colours in [0, 1] interleaved per patch; null for scalar maps
     */
    static void write(Path file, GreyImage8 background, PatchMap map, float[] rgb) throws IOException {
        MapGeometry g = map.geometry();
        if (background.width() != g.sourceWidth() || background.height() != g.sourceHeight()) {
            throw new IllegalArgumentException("background " + background.width() + "x" + background.height()
                    + " is not the map's source " + g.sourceWidth() + "x" + g.sourceHeight());
        }
        int channels = rgb != null ? 3 : 1;
        float[] values = rgb != null ? rgb : scaled(map.values());
        double[] seen = g.seenSourceRect();
        BufferedImage img = new BufferedImage(background.width(), background.height(), BufferedImage.TYPE_INT_RGB);
        float[] sample = new float[channels];
        for (int y = 0; y < background.height(); y++) {
            for (int x = 0; x < background.width(); x++) {
                float grey = background.get(x, y);
                double sx = x + 0.5;
                double sy = y + 0.5;
                int r;
                int gr;
                int b;
                if (sx < seen[0] || sx >= seen[2] || sy < seen[1] || sy >= seen[3]) {
                    r = gr = b = Math.round(grey * DIM);
                } else {
                    // patch-grid coordinates with patch centres at integers
                    double u = g.sourceToInputX(sx) / g.patchSize() - 0.5;
                    double v = g.sourceToInputY(sy) / g.patchSize() - 0.5;
                    bilinear(values, map.rows(), map.cols(), channels, u, v, sample);
                    int[] c = channels == 3 ? new int[]{Math.round(255 * sample[0]), Math.round(255 * sample[1]),
                        Math.round(255 * sample[2])} : ramp(sample[0]);
                    r = blend(grey, c[0]);
                    gr = blend(grey, c[1]);
                    b = blend(grey, c[2]);
                }
                img.setRGB(x, y, (clamp(r) << 16) | (clamp(gr) << 8) | clamp(b));
            }
        }
        // atomically: a kill mid-write leaves the previous file, never a truncated PNG
        AtomicFiles.replace(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static float[] scaled(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        float span = hi > lo ? hi - lo : 1;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - lo) / span;
        }
        return out;
    }

    private static void bilinear(float[] v, int rows, int cols, int ch, double u, double w, float[] out) {
        double cu = Math.max(0, Math.min(cols - 1, u));
        double cw = Math.max(0, Math.min(rows - 1, w));
        int c0 = (int) Math.floor(cu);
        int r0 = (int) Math.floor(cw);
        int c1 = Math.min(c0 + 1, cols - 1);
        int r1 = Math.min(r0 + 1, rows - 1);
        double fu = cu - c0;
        double fw = cw - r0;
        for (int k = 0; k < ch; k++) {
            double top = v[(r0 * cols + c0) * ch + k] * (1 - fu) + v[(r0 * cols + c1) * ch + k] * fu;
            double bottom = v[(r1 * cols + c0) * ch + k] * (1 - fu) + v[(r1 * cols + c1) * ch + k] * fu;
            out[k] = (float) (top * (1 - fw) + bottom * fw);
        }
    }

    /** A value in [0, 1] on the blue → cyan → yellow → red ramp. */
    static int[] ramp(float t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min((int) x, RAMP.length - 2);
        double f = x - i;
        int[] out = new int[3];
        for (int k = 0; k < 3; k++) {
            out[k] = (int) Math.round(RAMP[i][k] * (1 - f) + RAMP[i + 1][k] * f);
        }
        return out;
    }

    private static int blend(float grey, int colour) {
        return Math.round(grey * (1 - ALPHA) + colour * ALPHA);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
