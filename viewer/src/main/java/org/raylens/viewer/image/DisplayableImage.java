package org.raylens.viewer.image;

import java.util.List;

/**
 * One frame ready for display and for models, whatever its source (DICOM or PNG/JPEG/TIFF). FX-free: the viewport
 * asks it to render the part of the image it shows into an ARGB buffer, so redraws cost the screen's pixels, not
 * the image's.
 */
public interface DisplayableImage {

    int width();

    int height();

    /** True for RGB images (no VOI applies; presets are empty). */
    boolean isColor();

    /** The modality value at a pixel (after the modality LUT / rescale), for the readout under the cursor. */
    double modalityValue(int x, int y);

    /** Unit of modality values for display ("HU", "" when unknown). */
    String modalityUnit();

    /** Smallest and largest modality values in the frame. */
    double minModalityValue();

    double maxModalityValue();

    /**
     * The window the image opens with: the file's first preset or, lacking one, the full modality range, unless
     * that window shows (almost) nothing of the frame, in which case a histogram window ({@link WindowFit}).
     */
    VoiWindow defaultWindow();

    /** Why {@link #defaultWindow()} is not the file's own window, for the status bar; null when it is. */
    default String defaultWindowNote() {
        return null;
    }

    /** The file's own VOI presets (Window Center/Width pairs), in file order; may be empty. */
    List<VoiWindow> presets();

    /** Pixel spacing in mm as (row spacing, column spacing), or null when the file does not say. */
    double[] pixelSpacingMm();

    /**
     * Renders a view into {@code dst} (ARGB, row-major, {@code dstWidth × dstHeight}). Destination pixel (dx, dy)
     * shows the source point {@code view.toSourceX(dx + 0.5, dy + 0.5), view.toSourceY(...)}; pixels outside the
     * image are written as {@code background}.
     *
     * @param window the VOI window (ignored for colour images)
     * @param invert true to invert the greyscale output after VOI and presentation LUT
     */
    void render(VoiWindow window, boolean invert, ViewTransform view, int[] dst, int dstWidth, int dstHeight,
            int background);
}
