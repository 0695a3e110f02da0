package org.raylens.app.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.raylens.viewer.fx.PixelReadout;
import org.raylens.viewer.image.VoiWindow;

/** The status bar's texts, as pure functions so their wording and rounding are tested without a window. */
public final class StatusFormat {

    static final String NONE = "\u2014";

    private StatusFormat() {
    }

    /** "x 123  y 45  = 1024 HU", or a dash when the cursor is not over the image. */
    public static String pixel(PixelReadout r) {
        if (r == null) {
            return "x " + NONE + "  y " + NONE;
        }
        String unit = r.unit() == null || r.unit().isBlank() ? "" : " " + r.unit();
        return "x " + r.x() + "  y " + r.y() + "  = " + number(r.value()) + unit;
    }

    /** "C 40  W 400 (LUNG)", with "inverted" appended when the output is inverted. */
    public static String window(VoiWindow w, boolean inverted) {
        if (w == null) {
            return "C " + NONE + "  W " + NONE;
        }
        String name = w.name() == null || w.name().isBlank() ? "" : " (" + w.name() + ")";
        return "C " + number(w.center()) + "  W " + number(w.width()) + name + (inverted ? "  inverted" : "");
    }

    /** "Zoom 27%": whole percent, one decimal below 10 %. */
    public static String zoom(double zoom) {
        double percent = zoom * 100;
        String text = percent < 10 ? BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).toPlainString()
                : Long.toString(Math.round(percent));
        return "Zoom " + text + "%";
    }

    /** Integers as integers; otherwise at most two decimals, without trailing zeros. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
