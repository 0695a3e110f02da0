package org.raylens.app.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.analysis.RecipeInput;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.source.FileAddress;
import org.raylens.viewer.source.FileImageSource;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.HeaderReader;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;

/**
 * Opens DICOM, PNG, JPEG and TIFF for {@code embed} and {@code explain} through the viewer's {@link ImageOpener} —
 * the same decode the window shows — and makes the model's 8-bit input with {@link RecipeInput}, the code the
 * window's analysis uses, by the chosen {@link InputRecipe} (default min–max; as-displayed uses the file's default
 * window, as the window opens it). A multi-frame file contributes its first frame, or the frame its source names
 * ({@code #frame=N}); colour images are refused.
 */
public final class ViewerImageInputReader implements EmbedInputReader {
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of(".dcm", ".dicom", ".dic", ".png", ".jpg", ".jpeg", ".tif", ".tiff");

    private final ImageOpener opener = new ImageOpener();
    private final FileSourceKind files = new FileSourceKind(opener, HeaderReader.DICOM);
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

    /**
     * Image extensions, plus no extension at all (DICOM files from archives and DICOMDIR media often have none); a
     * source that is not a local file is offered to its kind's own decoder.
     */
    @Override
    public boolean accepts(ImageSource source) {
        Optional<Path> file = source.localFile();
        if (file.isEmpty()) {
            return true;
        }
        String name = file.get().getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 || IMAGE_EXTENSIONS.contains(name.substring(dot));
    }

    /** {@link #accepts} for a whole local file (training sets list files, not sources). */
    public boolean acceptsFile(Path file) {
        return accepts(files.file(file));
    }

    /** {@link #read} of a whole local file. */
    public EmbedInput readFile(Path file) throws IOException {
        return read(files.file(file));
    }

    @Override
    public EmbedInput read(ImageSource source) throws IOException {
        if (!(source instanceof FileImageSource file)) {
            try {
                return grey(source.open(), source.toString(), "image", ImageUids.NONE);
            } catch (ImageSourceException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        FileAddress address = file.address();
        // Opened here rather than through the source, because the provenance names the decoded format.
        try (OpenedImage opened = opener.open(address.file())) {
            int index = address.isFrame() ? address.frame() - 1 : 0;
            if (index >= opened.frameCount()) {
                throw new IOException(address.file() + ": has " + opened.frameCount()
                        + (opened.frameCount() == 1 ? " frame" : " frames") + ", no frame " + address.frame());
            }
            String format = opened.source().format() + (address.isFrame() ? " frame " + address.frame() : "");
            return grey(opened.frame(index), address.file().toString(), format, ImageUids.of(opened.source().dataset()));
        } catch (DicomException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private EmbedInput grey(DisplayableImage image, String name, String format, ImageUids uids) throws IOException {
        RecipeInput.Grey grey;
        try {
            grey = RecipeInput.of(image, recipe.get(), null, false);
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
        return new EmbedInput.Grey(grey.image(), format + "; " + grey.provenance(), uids);
    }
}
