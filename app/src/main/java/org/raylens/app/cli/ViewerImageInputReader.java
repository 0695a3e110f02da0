package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.analysis.RecipeInput;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;

/**
 * Opens DICOM, PNG, JPEG and TIFF for {@code embed} and {@code explain} through the viewer's {@link ImageOpener} —
 * the same decode the window shows — and makes the model's 8-bit input with {@link RecipeInput}, the code the
 * window's analysis uses, by the chosen {@link InputRecipe} (default min–max; as-displayed uses the file's default
 * window, as the window opens it). Multi-frame files contribute their first frame; colour images are refused.
 */
public final class ViewerImageInputReader implements EmbedInputReader {
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of(".dcm", ".dicom", ".dic", ".png", ".jpg", ".jpeg", ".tif", ".tiff");

    private final ImageOpener opener = new ImageOpener();
    private final Supplier<InputRecipe> recipe;

    public ViewerImageInputReader() {
        this(InputRecipe.DEFAULT);
    }

    public ViewerImageInputReader(InputRecipe recipe) {
        this(() -> recipe);
    }

    /** @param recipe read at each file (a command's option, parsed after the reader was made) */
    public ViewerImageInputReader(Supplier<InputRecipe> recipe) {
        this.recipe = recipe;
    }

    /** Image extensions, plus no extension at all: DICOM files from archives and DICOMDIR media often have none. */
    @Override
    public boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 || IMAGE_EXTENSIONS.contains(name.substring(dot));
    }

    @Override
    public EmbedInput read(Path file) throws IOException {
        try (OpenedImage opened = opener.open(file)) {
            RecipeInput.Grey grey;
            try {
                grey = RecipeInput.of(opened.frame(0), recipe.get(), null, false);
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            return new EmbedInput.Grey(grey.image(), opened.source().format() + "; " + grey.provenance());
        } catch (DicomException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
