package org.raylens.viewer.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * Checks that a frame's own VOI window suits its pixel values, and offers a histogram window when it does not. Some
 * files carry a window from another processing step: a DX whose values lie at 35 000–37 000 with a stored window
 * C 2725 / W 5310 maps every pixel to white, and opens (with its thumbnail) as a blank page. A window is judged by
 * what it does: when more than {@link #CLIPPED_FRACTION} of an even sample of pixels land on the lowest or the
 * highest grey level, it shows nothing, and the 0.5–99.5 percentile window of the same sample replaces it.
 */
public final class WindowFit {

    /** Share of sampled pixels at an end of the grey scale above which a window shows (almost) nothing. */
    public static final double CLIPPED_FRACTION = 0.99;
    static final double LOW_PERCENTILE = 0.005;
    static final double HIGH_PERCENTILE = 0.995;
    /** Enough samples for a stable 0.5 % tail, few enough to check a large frame in a few milliseconds. */
    static final int MAX_SAMPLES = 1 << 16;

    /** The window an image should open with, and why, if it is not the file's own. */
    public record Choice(VoiWindow window, String note) {
        /** True when the file's window was replaced. */
        public boolean replaced() {
            return note != null;
        }
    }

    private WindowFit() {}

    /**
     * {@code stored} if it shows the frame, else a histogram window with a note for the status bar.
     *
     * @param modality modality values of the frame, in any order (a sample is taken)
     * @param grey     the display grey level (0–255) a modality value gets under a window, as the pipeline renders
     */
    public static Choice choose(double[] modality, VoiWindow stored, GreyLevel grey) {
        double[] sample = sample(modality);
        if (sample.length == 0 || clippedFraction(sample, stored, grey) <= CLIPPED_FRACTION) {
            return new Choice(stored, null);
        }
        VoiWindow histogram = histogramWindow(sample);
        if (clippedFraction(sample, histogram, grey) > CLIPPED_FRACTION) {
            return new Choice(stored, null); // a flat frame: no window shows more, keep the file's
        }
        String note = String.format(Locale.ROOT,
                "stored window C%s/W%s does not fit the pixel values (%s to %s); using a histogram window",
                number(stored.center()), number(stored.width()), number(sample[0]), number(sample[sample.length - 1]));
        return new Choice(histogram, note);
    }

    /** The share of {@code values} that {@code window} maps to grey level 0 or 255. */
    public static double clippedFraction(double[] values, VoiWindow window, GreyLevel grey) {
        int clipped = 0;
        for (double v : values) {
            int g = grey.of(v, window);
            clipped += g <= 0 || g >= 255 ? 1 : 0;
        }
        return values.length == 0 ? 0 : clipped / (double) values.length;
    }

    /** A LINEAR window over the 0.5–99.5 percentiles of {@code values}. */
    public static VoiWindow histogramWindow(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) Math.floor(LOW_PERCENTILE * (sorted.length - 1))];
        double hi = sorted[(int) Math.ceil(HIGH_PERCENTILE * (sorted.length - 1))];
        double width = Math.max(hi - lo, 1);
        // DICOM LINEAR maps [c − 0.5 − (w − 1)/2, c − 0.5 + (w − 1)/2] onto the grey scale.
        return VoiWindow.linear(lo + 0.5 + (width - 1) / 2, width, "Histogram 0.5\u201399.5 %");
    }

    /** At most {@link #MAX_SAMPLES} values, evenly strided through the frame, sorted. */
    static double[] sample(double[] values) {
        int step = Math.max(1, (int) Math.ceil(values.length / (double) MAX_SAMPLES));
        double[] out = new double[(values.length + step - 1) / step];
        for (int i = 0, j = 0; i < values.length; i += step, j++) {
            out[j] = values[i];
        }
        Arrays.sort(out);
        return out;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The display grey level of a modality value under a window (the image's own pipeline). */
    @FunctionalInterface
    public interface GreyLevel {
        int of(double modalityValue, VoiWindow window);
    }
}
