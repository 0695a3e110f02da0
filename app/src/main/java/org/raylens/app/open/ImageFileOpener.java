package org.raylens.app.open;

import java.nio.file.Path;
import org.raylens.viewer.image.DisplayableImage;

/** Decodes one image file (DICOM, PNG, JPEG, TIFF) for display: the viewer's image-opening facade, as a function. */
@FunctionalInterface
public interface ImageFileOpener {

    /** @throws Exception any failure; the caller wraps it with the file's name for the user */
    DisplayableImage open(Path file) throws Exception;
}
