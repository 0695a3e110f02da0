package org.raylens.app.analysis;

import org.raylens.viewer.image.VoiWindow;

/**
 * What an analysis feeds the model: the {@link InputRecipe}, and for as-displayed the window and invert state on
 * screen ({@code shown} null: the image's default window).
 */
public record InputSettings(InputRecipe recipe, VoiWindow shown, boolean userInvert) {
    public InputSettings {
        if (recipe == null) {
            throw new IllegalArgumentException("recipe is required");
        }
    }

    /** The default recipe ({@link InputRecipe#DEFAULT}), which needs no window. */
    public static InputSettings defaults() {
        return new InputSettings(InputRecipe.DEFAULT, null, false);
    }
}
