package org.raylens.viewer.overlay;

/**
 * The few drawing primitives overlays need, in VIEW coordinates (pixels of the surface, origin top-left). Kept
 * deliberately small so that an FX {@code GraphicsContext}, a {@code java.awt.Graphics2D} and an SVG writer can all
 * implement it in a page. Overlays convert their image-space geometry with the {@link
 * org.raylens.viewer.image.ViewTransform} they are handed; primitives stay in view units so that line widths and text
 * stay crisp at every zoom and identical between screen and export.
 *
 * <p>Colours are packed {@code 0xAARRGGBB} ints so that no toolkit colour type leaks into overlay code.
 */
public interface OverlayCanvas {

    /** Horizontal text alignment relative to the x passed to {@link #fillText}. */
    enum TextAlign { LEFT, CENTER, RIGHT }

    /** Surface width in view pixels. */
    double width();

    /** Surface height in view pixels. */
    double height();

    void setStrokeColor(int argb);

    void setFillColor(int argb);

    /** Stroke width in view pixels. */
    void setLineWidth(double width);

    /** Font size in view pixels; the family is the implementation's default sans-serif. */
    void setFontSize(double size);

    void strokeLine(double x1, double y1, double x2, double y2);

    void fillRect(double x, double y, double width, double height);

    void strokeRect(double x, double y, double width, double height);

    /** Draws text with its baseline at {@code y}, aligned on {@code x} as {@code align} says. */
    void fillText(String text, double x, double y, TextAlign align);

    /**
     * The width {@code text} takes at the current font size. The default estimates it (0.6 em per character, about
     * right for the default sans-serif); surfaces that can measure text override it so boxes fit their labels.
     */
    default double textWidth(String text) {
        return text.length() * fontSize() * 0.6;
    }

    /** The current font size in view pixels; the default is the size most surfaces start with. */
    default double fontSize() {
        return 12;
    }

    /**
     * Surface pixels per view unit (1 on an ordinary screen and in a 96-dpi export, 2 on a HiDPI screen or in a
     * 192-dpi export). Raster overlays (heatmaps, masks) render {@code ceil(width·pixelScale) ×
     * ceil(height·pixelScale)} samples so that they are as sharp as the surface allows.
     */
    default double pixelScale() {
        return 1;
    }

    /**
     * Draws a non-premultiplied ARGB raster ({@code rasterWidth × rasterHeight}, row-major) stretched over the view
     * rectangle (x, y, width, height) without smoothing, blended over what is already there by its alpha. Raster
     * overlays use it to put a heatmap or mask they sampled themselves, so every surface shows the same samples.
     *
     * <p>The default paints runs of equal colour with {@link #fillRect}: correct on any surface, slow; the FX,
     * Graphics2D and SVG canvases override it.
     */
    default void drawArgb(int[] argb, int rasterWidth, int rasterHeight, double x, double y, double width,
            double height) {
        double sx = width / rasterWidth;
        double sy = height / rasterHeight;
        for (int row = 0; row < rasterHeight; row++) {
            int start = 0;
            int base = row * rasterWidth;
            for (int col = 1; col <= rasterWidth; col++) {
                if (col == rasterWidth || argb[base + col] != argb[base + start]) {
                    int colour = argb[base + start];
                    if ((colour >>> 24) != 0) {
                        setFillColor(colour);
                        fillRect(x + start * sx, y + row * sy, (col - start) * sx, sy);
                    }
                    start = col;
                }
            }
        }
    }

    /** Outlines the ellipse inscribed in the rectangle; the default approximates it with 48 line segments. */
    default void strokeOval(double x, double y, double width, double height) {
        int segments = 48;
        double cx = x + width / 2;
        double cy = y + height / 2;
        double px = cx + width / 2;
        double py = cy;
        for (int i = 1; i <= segments; i++) {
            double angle = 2 * Math.PI * i / segments;
            double nx = cx + Math.cos(angle) * width / 2;
            double ny = cy + Math.sin(angle) * height / 2;
            strokeLine(px, py, nx, ny);
            px = nx;
            py = ny;
        }
    }

    /**
     * Restricts later drawing to the intersection of the current clip and the rectangle, until the matching
     * {@link #popClip()}. Used by figure composition to keep each panel's overlays inside the panel. The default
     * does nothing (a surface that is exactly the overlay's size needs no clip).
     */
    default void pushClip(double x, double y, double width, double height) {
    }

    /** Undoes the most recent {@link #pushClip}. */
    default void popClip() {
    }
}
