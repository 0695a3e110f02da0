package org.raylens.inference.training;

import org.raylens.inference.preprocess.GreyImage8;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens an image file as the 8-bit greyscale image the processor takes (the app plugs in the viewer's DICOM/PNG
 * opener with an 8-bit recipe; this module reads no image formats itself).
 */
@FunctionalInterface
public interface ImageDecoder {
    GreyImage8 read(Path file) throws IOException;
}
