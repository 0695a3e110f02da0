package org.raylens.viewer.image;

import java.util.List;

/**
 * A colour frame (RGB, YBR converted to RGB, or PALETTE COLOR resolved through its LUTs) held as opaque ARGB,
 * 8 bits per channel. No VOI applies: {@link #render} ignores the window; invert flips each channel.
 */
public final class ColorImage implements DisplayableImage {
    private final int width;
    private final int height;
    private final int[] argb;
    private final double[] pixelSpacing;
    private volatile int[] inverted;

    public ColorImage(int width, int height, int[] argb, double[] pixelSpacing) {
        if ((long) width * height != argb.length) {
            throw new IllegalArgumentException(width + " x " + height + " != " + argb.length + " pixels");
        }
        this.width = width;
        this.height = height;
        this.argb = argb;
        this.pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
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
        return true;
    }

    public int argb(int x, int y) {
        return argb[y * width + x];
    }

    /** Rec. 601 luma of the pixel, 0..255: the single number a readout can show for a colour pixel. */
    @Override
    public double modalityValue(int x, int y) {
        int p = argb[y * width + x];
        return 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }

    @Override
    public String modalityUnit() {
        return "";
    }

    @Override
    public double minModalityValue() {
        return 0;
    }

    @Override
    public double maxModalityValue() {
        return 255;
    }

    @Override
    public VoiWindow defaultWindow() {
        return VoiWindow.linear(128, 256, "Full range");
    }

    @Override
    public List<VoiWindow> presets() {
        return List.of();
    }

    @Override
    public double[] pixelSpacingMm() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    /** R, G, B per pixel as floats 0..255, for models. */
    public ModalityImage modalityImage() {
        float[] values = new float[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            values[3 * i] = (p >> 16) & 0xFF;
            values[3 * i + 1] = (p >> 8) & 0xFF;
            values[3 * i + 2] = p & 0xFF;
        }
        return new ModalityImage(width, height, 3, values, "");
    }

    @Override
    public void render(VoiWindow window, boolean invert, ViewTransform view, int[] dst, int dstWidth,
            int dstHeight, int background) {
        NearestNeighbourRenderer.renderDirect(invert ? invertedPixels() : argb, width, height, view, dst, dstWidth,
                dstHeight, background);
    }

    private int[] invertedPixels() {
        int[] inv = inverted;
        if (inv == null) {
            inv = new int[argb.length];
            for (int i = 0; i < argb.length; i++) {
                inv[i] = argb[i] ^ 0x00FFFFFF;
            }
            inverted = inv;
        }
        return inv;
    }
}
