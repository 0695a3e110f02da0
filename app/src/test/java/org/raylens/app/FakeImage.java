package org.raylens.app;

import java.util.List;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * A small in-memory greyscale image for app tests: value(x, y) = offset + x + y, nearest-neighbour rendering through
 * a linear window. The real images come from the viewer's readers; the app only needs something to show.
 */
public class FakeImage implements DisplayableImage {

    private final int width;
    private final int height;
    private final int offset;

    public FakeImage(int width, int height, int offset) {
        this.width = width;
        this.height = height;
        this.offset = offset;
    }

    @Override public int width() { return width; }
    @Override public int height() { return height; }
    @Override public boolean isColor() { return false; }
    @Override public double modalityValue(int x, int y) { return offset + x + y; }
    @Override public String modalityUnit() { return ""; }
    @Override public double minModalityValue() { return offset; }
    @Override public double maxModalityValue() { return offset + width + height - 2; }

    @Override
    public VoiWindow defaultWindow() {
        return VoiWindow.linear(offset + (width + height) / 2.0, width + height, "FULL");
    }

    @Override
    public List<VoiWindow> presets() {
        return List.of(defaultWindow(), VoiWindow.linear(offset + 20, 40, "NARROW"));
    }

    @Override
    public double[] pixelSpacingMm() {
        return new double[] {0.5, 0.5};
    }

    @Override
    public void render(VoiWindow window, boolean invert, ViewTransform view, int[] dst, int dstWidth,
            int dstHeight, int background) {
        for (int dy = 0; dy < dstHeight; dy++) {
            for (int dx = 0; dx < dstWidth; dx++) {
                double sx = view.toSourceX(dx + 0.5, dy + 0.5);
                double sy = view.toSourceY(dx + 0.5, dy + 0.5);
                if (sx < 0 || sy < 0 || sx >= width || sy >= height) {
                    dst[dy * dstWidth + dx] = background;
                    continue;
                }
                double v = modalityValue((int) sx, (int) sy);
                double t = (v - (window.center() - window.width() / 2)) / window.width();
                int g = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
                g = invert ? 255 - g : g;
                dst[dy * dstWidth + dx] = 0xFF000000 | g << 16 | g << 8 | g;
            }
        }
    }
}
