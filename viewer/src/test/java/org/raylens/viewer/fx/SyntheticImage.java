package org.raylens.viewer.fx;

import java.util.List;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * A test {@link DisplayableImage} over a {@code short[]} of modality values: nearest-neighbour sampling and the
 * DICOM LINEAR VOI function, enough to exercise the viewport without the real pixel pipeline.
 */
class SyntheticImage implements DisplayableImage {

    private final int width;
    private final int height;
    private final short[] values;
    private final List<VoiWindow> presets;
    private final double[] spacing;
    private final double min;
    private final double max;

    SyntheticImage(int width, int height, short[] values, List<VoiWindow> presets, double[] spacing) {
        if (values.length != width * height) {
            throw new IllegalArgumentException("values.length " + values.length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.values = values;
        this.presets = List.copyOf(presets);
        this.spacing = spacing;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (short v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        this.min = lo;
        this.max = hi;
    }

    /** value(x, y) = x + 2y: every pixel is told apart by its value along a row, rows differ by 2. */
    static SyntheticImage ramp(int width, int height) {
        short[] v = new short[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                v[y * width + x] = (short) (x + 2 * y);
            }
        }
        return new SyntheticImage(width, height, v,
                List.of(VoiWindow.linear(100, 50, "NARROW"), VoiWindow.linear(300, 600, "WIDE")),
                new double[] {0.2, 0.2});
    }

    short valueAt(int x, int y) {
        return values[y * width + x];
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public boolean isColor() {
        return false;
    }

    @Override
    public double modalityValue(int x, int y) {
        return values[y * width + x];
    }

    @Override
    public String modalityUnit() {
        return "";
    }

    @Override
    public double minModalityValue() {
        return min;
    }

    @Override
    public double maxModalityValue() {
        return max;
    }

    @Override
    public VoiWindow defaultWindow() {
        return presets.isEmpty() ? VoiWindow.linear((min + max) / 2, Math.max(1, max - min), "FULL") : presets.get(0);
    }

    @Override
    public List<VoiWindow> presets() {
        return presets;
    }

    @Override
    public double[] pixelSpacingMm() {
        return spacing == null ? null : spacing.clone();
    }

    @Override
    public void render(VoiWindow window, boolean invert, ViewTransform view, int[] dst, int dstWidth,
            int dstHeight, int background) {
        double c = window.center() - 0.5;
        double w = window.width() - 1;
        for (int dy = 0; dy < dstHeight; dy++) {
            for (int dx = 0; dx < dstWidth; dx++) {
                double sx = view.toSourceX(dx + 0.5, dy + 0.5);
                double sy = view.toSourceY(dx + 0.5, dy + 0.5);
                int ix = (int) Math.floor(sx);
                int iy = (int) Math.floor(sy);
                if (sx < 0 || sy < 0 || ix >= width || iy >= height) {
                    dst[dy * dstWidth + dx] = background;
                    continue;
                }
                double v = values[iy * width + ix];
                int grey;
                if (v <= c - w / 2) {
                    grey = 0;
                } else if (v > c + w / 2) {
                    grey = 255;
                } else {
                    grey = (int) Math.round(((v - c) / w + 0.5) * 255);
                }
                if (invert) {
                    grey = 255 - grey;
                }
                dst[dy * dstWidth + dx] = 0xFF000000 | grey << 16 | grey << 8 | grey;
            }
        }
    }
}
