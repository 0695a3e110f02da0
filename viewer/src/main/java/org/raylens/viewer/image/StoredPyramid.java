package org.raylens.viewer.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive 2 × 2 box averages of a frame's stored values, built lazily, for drawing zoomed-out views. Sampling
 * a 3000-row radiograph into a 1000-row view by nearest neighbour alone would skip two of every three rows and show
 * aliased noise; sampling the half-resolution level instead averages what the screen cannot resolve. Averages stay
 * inside the frame's stored range, so the same display table applies. Display only: readouts and model inputs use
 * the full-resolution values.
 */
final class StoredPyramid {
    /** One level: {@code values} is {@code width × height}, level k covers 2^k × 2^k source pixels per value. */
    record Level(int[] values, int width, int height) {}

    private final List<Level> levels = new ArrayList<>();

    StoredPyramid(int[] stored, int width, int height) {
        levels.add(new Level(stored, width, height));
    }

    /** Level {@code k}, or the coarsest one that still has more than one pixel per side when k is beyond it. */
    synchronized Level level(int k) {
        while (levels.size() <= k) {
            Level last = levels.get(levels.size() - 1);
            if (last.width() < 2 || last.height() < 2) {
                break;
            }
            levels.add(halve(last));
        }
        return levels.get(Math.min(k, levels.size() - 1));
    }

    synchronized int levelIndex(Level level) {
        return levels.indexOf(level);
    }

    private static Level halve(Level src) {
        int w = (src.width() + 1) / 2;
        int h = (src.height() + 1) / 2;
        int[] out = new int[w * h];
        int[] in = src.values();
        int sw = src.width();
        int sh = src.height();
        for (int y = 0; y < h; y++) {
            int y0 = 2 * y;
            boolean twoRows = y0 + 1 < sh;
            for (int x = 0; x < w; x++) {
                int x0 = 2 * x;
                boolean twoCols = x0 + 1 < sw;
                long sum = in[y0 * sw + x0];
                int n = 1;
                if (twoCols) {
                    sum += in[y0 * sw + x0 + 1];
                    n++;
                }
                if (twoRows) {
                    sum += in[(y0 + 1) * sw + x0];
                    n++;
                    if (twoCols) {
                        sum += in[(y0 + 1) * sw + x0 + 1];
                        n++;
                    }
                }
                // Round half up, also for negative sums.
                out[y * w + x] = (int) Math.floorDiv(2 * sum + n, 2L * n);
            }
        }
        return new Level(out, w, h);
    }
}
