package org.raylens.viewer.image;

import java.io.IOException;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.codec.PixelDescription;

/**
 * An image file opened for viewing: its frames as {@link DisplayableImage}s (decoded on first request, one at a
 * time), their modality values for models, and what is known about the source. DICOM frames are read lazily from
 * the file, which stays open until {@link #close}; a raster image is decoded whole when opened.
 */
public final class OpenedImage implements AutoCloseable {

    /** Where the image came from: format ("DICOM", "PNG", "JPEG", "TIFF"), and for DICOM its header. */
    public record Source(Path path, String format, DicomObject dataset, PixelDescription pixelDescription,
            String transferSyntaxUid) {}

    private final Source source;
    private final DicomFile dicomFile;
    private final DicomImageFactory factory;
    private final DisplayableImage rasterImage;
    private volatile CachedFrame lastFrame;

    private record CachedFrame(int index, DisplayableImage image) {}

    private OpenedImage(Source source, DicomFile dicomFile, DicomImageFactory factory, DisplayableImage rasterImage) {
        this.source = source;
        this.dicomFile = dicomFile;
        this.factory = factory;
        this.rasterImage = rasterImage;
    }

    static OpenedImage dicom(DicomFile file, DicomImageFactory factory) {
        return new OpenedImage(new Source(file.path(), "DICOM", file.dataset(), factory.description(),
                file.transferSyntax().uid()), file, factory, null);
    }

    static OpenedImage raster(Path path, String format, DisplayableImage image) {
        return new OpenedImage(new Source(path, format, null, null, null), null, null, image);
    }

    public Source source() {
        return source;
    }

    public int frameCount() {
        return factory != null ? factory.frameCount() : 1;
    }

    /** Frame {@code index} (0-based); the most recently requested frame is kept, so repeated calls are free. */
    public DisplayableImage frame(int index) throws DicomException {
        if (rasterImage != null) {
            if (index != 0) {
                throw new IndexOutOfBoundsException("frame " + index + " of 1");
            }
            return rasterImage;
        }
        CachedFrame cached = lastFrame;
        if (cached != null && cached.index() == index) {
            return cached.image();
        }
        DisplayableImage image = factory.frame(index);
        lastFrame = new CachedFrame(index, image);
        return image;
    }

    /** Modality values of frame {@code index} for models (rescaled greyscale, or RGB 0..255 for colour). */
    public ModalityImage modalityImage(int index) throws DicomException {
        DisplayableImage image = frame(index);
        if (image instanceof GreyscaleImage grey) {
            return grey.modalityImage();
        }
        return ((ColorImage) image).modalityImage();
    }

    @Override
    public void close() throws IOException {
        if (dicomFile != null) {
            dicomFile.close();
        }
    }
}
