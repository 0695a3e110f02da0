package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.raylens.inference.preprocess.EightBitRecipe;
import org.raylens.inference.preprocess.MinMaxRecipe;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.ModalityImage;
import org.raylens.viewer.image.OpenedImage;

/**
 * Opens DICOM, PNG, JPEG and TIFF for {@code embed} through the viewer's {@link ImageOpener} — the same decode the
 * window shows — and turns the modality values into the model's 8-bit input with an {@link EightBitRecipe}
 * (min–max by default, MONOCHROME1 inverted so bone is bright, as RAD-DINO's card prepares DICOMs).
 * Multi-frame files contribute their first frame; colour images are refused (the encoders are greyscale).
 */
public final class ViewerImageInputReader implements EmbedInputReader {
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of(".dcm", ".dicom", ".dic", ".png", ".jpg", ".jpeg", ".tif", ".tiff");

    private final ImageOpener opener = new ImageOpener();
    private final EightBitRecipe recipe;

    public ViewerImageInputReader() {
        this(new MinMaxRecipe());
    }

    public ViewerImageInputReader(EightBitRecipe recipe) {
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
            ModalityImage values = opened.modalityImage(0);
            if (values.channels() != 1) {
                throw new IOException(file + ": a colour image; the encoders take greyscale radiographs");
            }
            var description = opened.source().pixelDescription();
            boolean monochrome1 = description != null && "MONOCHROME1".equals(description.photometric());
            var input = new org.raylens.inference.preprocess.ModalityImage(values.values(), values.width(),
                    values.height(), monochrome1);
            String provenance = opened.source().format() + (monochrome1 ? " MONOCHROME1" : "") + "; "
                    + recipe.name() + ": " + recipe.description();
            return new EmbedInput.Grey(recipe.apply(input), provenance);
        } catch (DicomException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
