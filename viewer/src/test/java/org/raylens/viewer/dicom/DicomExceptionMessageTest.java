package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Issue 12: one message style, file first, one colon between parts ("x.png:: expected …" was printed before). */
class DicomExceptionMessageTest {

    private static final Path FILE = Path.of("/data/x.dcm");

    @Test
    void eachKnownPartOnceAndOneColonBetweenThem() {
        assertEquals("/data/x.dcm: reason", new DicomException("reason", FILE, DicomException.NO_TAG,
                DicomException.NO_OFFSET).getMessage());
        assertEquals("/data/x.dcm: at byte 12: reason",
                new DicomException("reason", FILE, DicomException.NO_TAG, 12).getMessage());
        assertEquals("/data/x.dcm: tag (0028,0008) at byte 12: reason",
                new DicomException("reason", FILE, Tag.NumberOfFrames, 12).getMessage());
        assertEquals("tag (0028,0008): reason",
                new DicomException("reason", null, Tag.NumberOfFrames, DicomException.NO_OFFSET).getMessage());
        assertEquals("reason", new DicomException("reason").getMessage());
    }
}
