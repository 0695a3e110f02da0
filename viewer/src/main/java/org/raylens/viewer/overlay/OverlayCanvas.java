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
}
