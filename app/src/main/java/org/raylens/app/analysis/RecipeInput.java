package org.raylens.app.analysis;

import java.io.IOException;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.preprocess.MinMaxRecipe;
import org.raylens.inference.preprocess.GreyModalityImage;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.GreyscaleImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * Turns a displayed frame into the model's 8-bit input by an {@link InputRecipe}: the one piece of code that both
 * the window's analysis and the command line's {@code explain}/{@code embed} call, so the two feed the model the
 * same pixels for the same image and recipe. The result carries a provenance sentence naming the recipe and its
 * parameters.
 */
public final class RecipeInput {

    /** The 8-bit model input and how it was made. */
    public record Grey(GreyImage8 image, String provenance) {}

    private RecipeInput() {}

    /**
     * @param shown      the VOI window on screen (as-displayed only); null means the image's default window, which is
     *                   what the command line uses
     * @param userInvert the user's invert toggle on screen (as-displayed only; the command line passes false)
     */
    public static Grey of(DisplayableImage image, InputRecipe recipe, VoiWindow shown, boolean userInvert)
            throws IOException {
        if (image.isColor()) {
            throw new IOException("a colour image; the encoders take greyscale radiographs");
        }
        return switch (recipe) {
            case MINMAX -> minMax(image);
            case AS_DISPLAYED -> asDisplayed(image, shown == null ? image.defaultWindow() : shown, userInvert);
        };
    }

    private static Grey minMax(DisplayableImage image) {
        int w = image.width();
        int h = image.height();
        float[] values;
        boolean inverse = false;
        if (image instanceof GreyscaleImage grey) {
            values = grey.modalityImage().values();
            // the display polarity: MONOCHROME1, or a Presentation LUT Shape of INVERSE
            inverse = grey.pipeline().inverse();
        } else {
            values = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    values[y * w + x] = (float) image.modalityValue(x, y);
                }
            }
        }
        MinMaxRecipe recipe = new MinMaxRecipe();
        GreyImage8 out = recipe.apply(new GreyModalityImage(values, w, h, inverse));
        return new Grey(out, "input recipe " + InputRecipe.MINMAX.id() + ": " + recipe.description()
                + (inverse ? " (this image: inverted)" : ""));
    }

    /** The image rendered at 1:1 through the viewer's own pipeline, exactly as the viewport draws it. */
    private static Grey asDisplayed(DisplayableImage image, VoiWindow window, boolean userInvert) {
        int w = image.width();
        int h = image.height();
        int[] argb = new int[w * h];
        image.render(window, userInvert, ViewTransform.zoomPan(1, 0, 0), argb, w, h, 0xFF000000);
        byte[] grey = new byte[w * h];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) ((argb[i] >> 8) & 0xFF); // greyscale: R = G = B
        }
        return new Grey(new GreyImage8(w, h, grey), "input recipe " + InputRecipe.AS_DISPLAYED.id()
                + ": the 8-bit image as displayed at 1:1 under " + window.function() + " window C=" + window.center()
                + " W=" + window.width() + (window.name() == null ? "" : " (" + window.name() + ")")
                + ", display polarity applied" + (userInvert ? ", inverted by the user" : ""));
    }
}
