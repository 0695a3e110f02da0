package org.raylens.viewer.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.image.DisplayableImage;

/**
 * One image as the program knows it, from the browser to the viewport: a file, one frame of a multi-frame file, and
 * later a DICOMweb instance or a derived object. Its identity is its {@link #uri()}: two sources with the same URI
 * are the same image, whatever object holds them, so implementations compare and hash by URI alone.
 *
 * <p>The header is parsed at most once and kept (a scan that already read it hands it over); pixels are decoded on
 * each {@link #open()}, so a source is cheap to hold by the thousand. Implementations are thread-safe.
 */
public interface ImageSource {

    /** What this image is, e.g. {@code file:///data/cxr/IM1.dcm} or {@code file:///data/mf.dcm#frame=3}. */
    URI uri();

    /** A short name for people: the file name, with the frame when the source is one frame. */
    String displayName();

    /**
     * The DICOM header (everything before Pixel Data), read once and kept; empty when the image is not DICOM
     * (PNG, JPEG, TIFF).
     *
     * @throws ImageSourceException when the image claims to be DICOM but its header cannot be read
     */
    Optional<DicomFile> header() throws ImageSourceException;

    /** Decodes the image (its frame, for a frame source) for display. Blocks; call it off the FX thread. */
    DisplayableImage open() throws ImageSourceException;

    /**
     * The local file behind this image, for the few places that still need a file (provenance of exports, the tag
     * browser's title); empty for sources that are not files.
     */
    default Optional<Path> localFile() {
        return Optional.empty();
    }
}
