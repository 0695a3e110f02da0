package org.raylens.inference.explain.metrics;

import org.raylens.core.result.PatchMap;

/**
 * Where the finding is, in source-image pixels, for the pointing game and the energy share: a box (a drawn ROI) or a
 * mask (a segmentation layer or SEG frame, one flag per source pixel). A map cell belongs to the region when the
 * source point at the cell's centre does.
 */
public sealed interface Region {

    boolean contains(double sourceX, double sourceY);

    String describe();

    /** The box [x0, x1) × [y0, y1) in source pixels. */
    static Region box(double x0, double y0, double x1, double y1) {
        return new Box(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }

    /** A mask over the source image, row-major, {@code width × height}. */
    static Region mask(boolean[] mask, int width, int height) {
        return new Mask(mask, width, height);
    }

    /** For each cell of {@code map}: inside the region or not. */
    default boolean[] cells(PatchMap map) {
        boolean[] in = new boolean[map.rows() * map.cols()];
        int p = map.geometry().patchSize();
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.cols(); c++) {
                double sx = map.geometry().inputToSourceX((c + 0.5) * p);
                double sy = map.geometry().inputToSourceY((r + 0.5) * p);
                in[r * map.cols() + c] = contains(sx, sy);
            }
        }
        return in;
    }

    record Box(double x0, double y0, double x1, double y1) implements Region {
        @Override
        public boolean contains(double x, double y) {
            return x >= x0 && x < x1 && y >= y0 && y < y1;
        }

        @Override
        public String describe() {
            return String.format(java.util.Locale.ROOT, "box [%.1f, %.1f)x[%.1f, %.1f)", x0, x1, y0, y1);
        }
    }

    record Mask(boolean[] mask, int width, int height) implements Region {
        public Mask {
            if (mask.length != width * height) {
                throw new IllegalArgumentException("mask has " + mask.length + " flags for " + width + "x" + height);
            }
            mask = mask.clone();
        }

        @Override
        public boolean contains(double x, double y) {
            int xi = (int) Math.floor(x);
            int yi = (int) Math.floor(y);
            return xi >= 0 && yi >= 0 && xi < width && yi < height && mask[yi * width + xi];
        }

        @Override
        public String describe() {
            return "mask " + width + "x" + height;
        }
    }
}
