package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The seam through which {@code embed} opens files. PNG/JPEG and .npy readers live here; the DICOM reader (which
 * needs the viewer's DICOM parser and pixel pipeline to produce modality values, then an
 * {@link org.raylens.inference.preprocess.EightBitRecipe}) plugs in by passing it to
 * {@link EmbedCommand#EmbedCommand(java.util.List)}.
 */
public interface EmbedInputReader {
    /** Cheap check by name (and, if needed, the first bytes). */
    boolean accepts(Path file);

    EmbedInput read(Path file) throws IOException;
}
