package org.raylens.app.embed;

import java.io.IOException;
import org.raylens.viewer.source.ImageSource;

/**
 * The seam through which {@code embed} and {@code explain} read an image source into a model input. The built-in
 * readers take research .npy tensors ({@link NpyInputReader}) and everything the viewer opens
 * ({@link ViewerImageInputReader}: DICOM, a frame of a multi-frame DICOM, PNG, JPEG, TIFF); more plug in through
 * {@link EmbedCommand#EmbedCommand(java.util.List)}.
 */
public interface EmbedInputReader {
    /** Cheap check by the source's name (its URI or file name); reads nothing. */
    boolean accepts(ImageSource source);

    EmbedInput read(ImageSource source) throws IOException;
}
