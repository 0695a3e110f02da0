package org.raylens.app.cli;

import org.raylens.app.analysis.InputRecipe;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --input-recipe minmax|as-displayed} for the commands that read images (a picocli mixin): how a frame
 * becomes the model's 8-bit input, the same choice the window's analysis controls offer. A wrong name is a usage
 * error.
 */
public final class InputRecipeOption {
    @Option(names = "--input-recipe", defaultValue = "minmax", converter = Converter.class,
            description = "how an image becomes the model's 8-bit input: minmax (default; modality values, display"
                    + " polarity, min-max to 0-255, as RAD-DINO's model card) or as-displayed (the file's default"
                    + " window, as the viewer opens it)")
    InputRecipe recipe;

    /** The chosen recipe (the default when the option was not given). */
    public InputRecipe recipe() {
        return recipe == null ? InputRecipe.DEFAULT : recipe;
    }

    /** Parses an {@link InputRecipe#id()}. */
    public static final class Converter implements ITypeConverter<InputRecipe> {
        @Override
        public InputRecipe convert(String value) {
            try {
                return InputRecipe.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "': must be one of " + InputRecipe.ids());
            }
        }
    }
}
