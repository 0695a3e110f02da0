package org.raylens.viewer.overlay;

import java.util.Objects;
import java.util.function.Supplier;
import org.raylens.viewer.image.ViewTransform;

/**
 * A horizontal scale bar in the bottom-left corner whose length is a round number of millimetres (1, 2 or 5 × 10ⁿ)
 * measured with the image's pixel spacing along the view's horizontal axis. Draws nothing when the image does not
 * state its pixel spacing: a bar guessed from nothing would be a wrong measurement.
 *
 * <p>The length is computed from the {@link ViewTransform} itself (millimetres per view pixel along view x), so it is
 * right under zoom and stays right when rotation or flips are added to the transform.
 */
public final class ScaleBarOverlay implements Overlay {

    /** The bar aims at this many view pixels and picks the longest round length not exceeding it. */
    static final double TARGET_LENGTH_PX = 120;
    static final double MARGIN_PX = 16;
    static final double BAR_HEIGHT_PX = 4;
    static final double FONT_SIZE_PX = 13;
    private static final int BAR_COLOR = 0xFFFFFFFF;
    private static final int SHADOW_COLOR = 0xC0000000;

    private final Supplier<double[]> pixelSpacingMm;

    /**
     * @param pixelSpacingMm gives the current image's (row, column) spacing in mm, or null when unknown; asked on
     *                       every paint so the bar follows the image the viewport shows
     */
    public ScaleBarOverlay(Supplier<double[]> pixelSpacingMm) {
        this.pixelSpacingMm = Objects.requireNonNull(pixelSpacingMm, "pixelSpacingMm");
    }

    @Override
    public void paint(OverlayCanvas g, ViewTransform view) {
        double[] spacing = pixelSpacingMm.get();
        if (spacing == null || spacing.length < 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
            return;
        }
        double mmPerViewPixel = mmPerViewPixelAlongX(view, spacing[0], spacing[1]);
        if (!(mmPerViewPixel > 0) || !Double.isFinite(mmPerViewPixel)) {
            return;
        }
        double lengthMm = roundLengthMm(TARGET_LENGTH_PX * mmPerViewPixel);
        double lengthPx = lengthMm / mmPerViewPixel;
        if (lengthPx + 2 * MARGIN_PX > g.width() || g.height() < 3 * MARGIN_PX) {
            return;
        }
        double x = MARGIN_PX;
        double y = g.height() - MARGIN_PX - BAR_HEIGHT_PX;
        g.setFillColor(SHADOW_COLOR);
        g.fillRect(x - 1, y - 1, lengthPx + 2, BAR_HEIGHT_PX + 2);
        g.setFillColor(BAR_COLOR);
        g.fillRect(x, y, lengthPx, BAR_HEIGHT_PX);

        String label = label(lengthMm);
        g.setFontSize(FONT_SIZE_PX);
        g.setFillColor(SHADOW_COLOR);
        g.fillText(label, x + lengthPx / 2 + 1, y - 5 + 1, OverlayCanvas.TextAlign.CENTER);
        g.setFillColor(BAR_COLOR);
        g.fillText(label, x + lengthPx / 2, y - 5, OverlayCanvas.TextAlign.CENTER);
    }

    /**
     * Millimetres covered by one view pixel along the view's x axis: a unit step in view x moves (a, d) source pixels,
     * i.e. (a · column spacing, d · row spacing) millimetres.
     */
    static double mmPerViewPixelAlongX(ViewTransform view, double rowSpacingMm, double columnSpacingMm) {
        return Math.hypot(view.a() * columnSpacingMm, view.d() * rowSpacingMm);
    }

    /** The largest of 1, 2, 5 × 10ⁿ mm that is ≤ {@code maxMm} (the smallest such value when maxMm is tiny). */
    static double roundLengthMm(double maxMm) {
        double decade = Math.pow(10, Math.floor(Math.log10(maxMm)));
        double best = decade;
        for (double step : new double[] {2, 5, 10}) {
            if (step * decade <= maxMm * (1 + 1e-9)) {
                best = step * decade;
            }
        }
        return best;
    }

    static String label(double lengthMm) {
        if (lengthMm >= 10) {
            return formatNumber(lengthMm / 10) + " cm";
        }
        return formatNumber(lengthMm) + " mm";
    }

    private static String formatNumber(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
