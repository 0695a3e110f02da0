package org.raylens.viewer.study;

import java.nio.file.Path;

/**
 * One SOP instance (usually an image file) as the index knows it: where it is and the header facts a browser
 * lists without opening the pixels.
 *
 * @param instanceNumber (0020,0013), or null when absent
 * @param frames         (0028,0008), 1 when absent
 * @param rows           0 when the instance has no image (e.g. a structured report)
 */
public record Instance(Path path, String sopInstanceUid, String sopClassUid, Integer instanceNumber, int rows,
        int columns, int frames, String modality, String transferSyntaxUid, String photometricInterpretation) {}
