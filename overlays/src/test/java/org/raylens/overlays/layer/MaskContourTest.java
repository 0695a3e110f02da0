package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

/** The run-length contour must mark exactly the samples the plain 4-neighbour test marks. */
class MaskContourTest {

    private static final int[] PALETTE = {0xFF0000, 0x00FF00, 0x0000FF};

    /** A 90 × 60 label mask of random rectangles (overlapping, some one pixel thin) over a 180 × 120 image. */
    private static MaskLayer randomLabels(long seed) {
        Random random = new Random(seed);
        int[] labels = new int[90 * 60];
        for (int r = 0; r < 25; r++) {
            int x = random.nextInt(90);
            int y = random.nextInt(60);
            int w = 1 + random.nextInt(20);
            int h = 1 + random.nextInt(15);
            int label = random.nextInt(5); // 0 cuts holes; 4 wraps round the 3-colour palette
            for (int j = y; j < Math.min(60, y + h); j++) {
                for (int i = x; i < Math.min(90, x + w); i++) {
                    labels[j * 90 + i] = label;
                }
            }
        }
        return MaskLayer.labels("labels", 180, 120, 90, 60, labels, PALETTE);
    }

    /** The reference: per sample, any 4-neighbour within reach (inside the raster) with another label. */
    private static int[] reference(MaskLayer layer, ViewTransform view, int w, int h, int reach) {
        int[] labels = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                labels[j * w + i] = layer.labelAt(view.toSourceX(i + 0.5, j + 0.5), view.toSourceY(i + 0.5, j + 0.5));
            }
        }
        int[] argb = new int[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int label = labels[j * w + i];
                boolean edge = false;
                for (int d = 1; d <= reach && label != 0; d++) {
                    edge |= i - d >= 0 && labels[j * w + i - d] != label || i + d < w && labels[j * w + i + d] != label
                            || j - d >= 0 && labels[(j - d) * w + i] != label
                            || j + d < h && labels[(j + d) * w + i] != label;
                }
                argb[j * w + i] = edge ? PALETTE[(label - 1) % PALETTE.length] | 0xFF000000 : 0;
            }
        }
        return argb;
    }

    @Test
    void runLengthContourEqualsTheNeighbourTestAtEveryWidthAndZoom() {
        ViewTransform[] views = {ViewTransform.zoomPan(1, 0, 0), ViewTransform.zoomPan(2.5, 30, 10),
            ViewTransform.zoomPan(0.4, -20, -5)};
        for (long seed = 1; seed <= 3; seed++) {
            MaskLayer layer = randomLabels(seed);
            layer.setStyle(MaskLayer.Style.CONTOUR);
            for (double width : new double[] {1, 2, 3.4}) {
                layer.setContourWidth(width);
                for (ViewTransform view : views) {
                    CapturingCanvas g = new CapturingCanvas(200, 130);
                    layer.paint(g, view);
                    int reach = Math.max(1, (int) Math.round(width));
                    assertArrayEquals(reference(layer, view, 200, 130, reach), g.onlyRaster().argb(),
                            "seed " + seed + ", width " + width + ", " + view);
                }
            }
        }
    }

    @Test
    void aRepaintAfterAPanLeavesNoStaleContour() {
        MaskLayer layer = randomLabels(7);
        layer.setStyle(MaskLayer.Style.CONTOUR);
        layer.paint(new CapturingCanvas(200, 130), ViewTransform.zoomPan(1, 0, 0));
        ViewTransform panned = ViewTransform.zoomPan(1, 60, 40);
        CapturingCanvas g = new CapturingCanvas(200, 130);
        layer.paint(g, panned);
        assertArrayEquals(reference(layer, panned, 200, 130, 2), g.onlyRaster().argb());
        layer.setStyle(MaskLayer.Style.FILL);
        CapturingCanvas f = new CapturingCanvas(200, 130);
        layer.paint(f, panned);
        int[] fill = f.onlyRaster().argb();
        for (int j = 0; j < 130; j++) {
            for (int i = 0; i < 200; i++) {
                int label = layer.labelAt(panned.toSourceX(i + 0.5, j + 0.5), panned.toSourceY(i + 0.5, j + 0.5));
                int expected = label == 0 ? 0 : (int) Math.round(0.45 * 255) << 24 | PALETTE[(label - 1) % 3];
                org.junit.jupiter.api.Assertions.assertEquals(expected, fill[j * 200 + i], "fill at " + i + "," + j);
            }
        }
    }
}
