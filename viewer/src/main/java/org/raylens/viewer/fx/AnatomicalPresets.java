package org.raylens.viewer.fx;

import java.util.List;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * Lung, soft-tissue and bone windows for chest radiographs, offered after the file's own presets. Projection
 * radiographs have no Hounsfield units, so these are defined relative to the image's modality range R = [min, max]:
 * lung = the darker 60 % of the displayed grey scale (C = min + 0.30 R, W = 0.60 R), soft tissue = the middle
 * (C = min + 0.50 R, W = 0.40 R), bone = the brighter half (C = min + 0.72 R, W = 0.50 R). "Darker" and "brighter"
 * refer to what the viewer shows: for a MONOCHROME1 image (high values displayed dark) the centres are mirrored,
 * which is found by rendering the darkest-valued pixel once. Images in HU (CT-derived data) get the usual HU
 * windows instead (lung C −600 W 1500, soft tissue C 40 W 400, bone C 400 W 1800).
 */
public final class AnatomicalPresets {

    public static final String LUNG = "Lung";
    public static final String SOFT_TISSUE = "Soft tissue";
    public static final String BONE = "Bone";

    private AnatomicalPresets() {
    }

    /** The three windows for {@code image}; empty for colour images. */
    public static List<VoiWindow> of(DisplayableImage image) {
        if (image == null || image.isColor()) {
            return List.of();
        }
        if ("HU".equalsIgnoreCase(image.modalityUnit())) {
            return List.of(VoiWindow.linear(-600, 1500, LUNG), VoiWindow.linear(40, 400, SOFT_TISSUE),
                    VoiWindow.linear(400, 1800, BONE));
        }
        double min = image.minModalityValue();
        double range = Math.max(image.maxModalityValue() - min, 1e-6);
        boolean highIsDark = highValuesDisplayDark(image);
        return List.of(relative(min, range, 0.30, 0.60, LUNG, highIsDark),
                relative(min, range, 0.50, 0.40, SOFT_TISSUE, highIsDark),
                relative(min, range, 0.72, 0.50, BONE, highIsDark));
    }

    private static VoiWindow relative(double min, double range, double centre, double width, String name,
            boolean mirrored) {
        double c = mirrored ? 1 - centre : centre;
        return VoiWindow.linear(min + c * range, width * range, name + " (relative to image range)");
    }

    /**
     * True when the image's pipeline shows its lowest modality values bright (MONOCHROME1): renders the pixel
     * holding the minimum value (searched on a coarse grid) through a full-range window and looks at its grey.
     */
    static boolean highValuesDisplayDark(DisplayableImage image) {
        int w = image.width();
        int h = image.height();
        int stepX = Math.max(1, w / 64);
        int stepY = Math.max(1, h / 64);
        int bx = 0;
        int by = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int y = 0; y < h; y += stepY) {
            for (int x = 0; x < w; x += stepX) {
                double v = image.modalityValue(x, y);
                if (v < best) {
                    best = v;
                    bx = x;
                    by = y;
                }
            }
        }
        double min = image.minModalityValue();
        double range = Math.max(image.maxModalityValue() - min, 1e-6);
        if (best > min + 0.5 * range) {
            return false; // no dark-valued pixel found on the grid: assume the usual polarity
        }
        int[] out = new int[1];
        image.render(VoiWindow.linear(min + range / 2, range, "FULL"), false,
                ViewTransform.zoomPan(1, bx, by), out, 1, 1, 0xFF000000);
        int grey = (out[0] >> 8) & 0xFF;
        return grey > 127;
    }
}
