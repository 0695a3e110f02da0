package org.raylens.inference.explain.metrics;

import org.raylens.core.result.PatchMap;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A map's cells ranked by value (largest first, ties by position so the order is reproducible) and which input
 * pixels each cell covers: a cell of a map with {@code p}-pixel patches covers the p × p input pixels from its
 * top-left corner, as the model's patches do (pixel maps have p = 1). Input pixels outside the grid belong to no cell
 * and are never perturbed.
 */
public final class CellOrder {
    private final int[] ranked;
    private final int[] cellOfPixel;
    private final int width;
    private final int height;

    /** For {@code map} over an input of {@code width × height} pixels. */
    public CellOrder(PatchMap map, int width, int height) {
        if (map.channels() != 1) {
            throw new IllegalArgumentException("faithfulness metrics need a scalar map, " + map.method() + " has "
                    + map.channels() + " channels");
        }
        float[] v = map.values();
        ranked = IntStream.range(0, v.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int p = map.geometry().patchSize();
        this.width = width;
        this.height = height;
        cellOfPixel = new int[width * height];
        Arrays.fill(cellOfPixel, -1);
        for (int y = 0; y < Math.min(height, map.rows() * p); y++) {
            for (int x = 0; x < Math.min(width, map.cols() * p); x++) {
                cellOfPixel[y * width + x] = (y / p) * map.cols() + x / p;
            }
        }
    }

    public int cells() {
        return ranked.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Pixels of the {@code count} cells ranked first ({@code mostRelevant}) or last: true where a pixel is chosen.
     */
    public boolean[] pixels(int count, boolean mostRelevant) {
        boolean[] chosenCell = new boolean[ranked.length];
        for (int k = 0; k < count; k++) {
            chosenCell[ranked[mostRelevant ? k : ranked.length - 1 - k]] = true;
        }
        boolean[] out = new boolean[cellOfPixel.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cellOfPixel[i] >= 0 && chosenCell[cellOfPixel[i]];
        }
        return out;
    }
}
