package org.raylens.app.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.raylens.inference.preprocess.AsDisplayedRecipe;
import org.raylens.inference.preprocess.MinMaxRecipe;

/**
 * How a greyscale frame becomes the 8-bit image the model's processor takes — the same choice, with the same names,
 * in the window (analysis controls) and on the command line ({@code --input-recipe}). The default is
 * {@link #MINMAX}, RAD-DINO's model-card recipe, because it does not depend on how the user happens to have windowed
 * the image; see docs/decisions/model-input-recipe.md.
 */
public enum InputRecipe {
    /** Modality values, display polarity applied (MONOCHROME1 bone-bright), min–max scaled to 0–255. */
    MINMAX(MinMaxRecipe.NAME, "Min\u2013max (model card)"),
    /** Exactly the 8-bit image shown at 1:1: the VOI window (and invert) on screen, or the file's default window. */
    AS_DISPLAYED(AsDisplayedRecipe.NAME, "As displayed");

    public static final InputRecipe DEFAULT = MINMAX;

    private final String id;
    private final String label;

    InputRecipe(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The stable name used on the command line, in adapters and in provenance ("minmax", "as-displayed"). */
    public String id() {
        return id;
    }

    /** The name shown in the window. */
    public String label() {
        return label;
    }

    /** Every id, for help texts: "minmax, as-displayed". */
    public static String ids() {
        return Arrays.stream(values()).map(InputRecipe::id).collect(Collectors.joining(", "));
    }

    /** The recipe of {@code id} (case-insensitive). */
    public static InputRecipe parse(String id) {
        for (InputRecipe r : values()) {
            if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("input recipe '" + id + "' is not one of " + ids());
    }

    @Override
    public String toString() {
        return label;
    }
}
