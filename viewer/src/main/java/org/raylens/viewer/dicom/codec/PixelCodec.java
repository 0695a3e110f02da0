package org.raylens.viewer.dicom.codec;

import java.util.Set;
import org.raylens.viewer.dicom.PixelDataException;

/**
 * Decodes the encapsulated bytes of one frame for a set of transfer syntaxes. Implementations are stateless and
 * thread-safe. Output is the frame's stored values, pixel-interleaved (R,G,B,R,G,B… for colour), sign-extended when
 * {@link PixelDescription#signed()}, masked to Bits Stored, with the colour space the DICOM rules give for that
 * syntax (see the implementation's comment for its photometric handling).
 */
public interface PixelCodec {

    /** The transfer syntax UIDs this codec decodes. */
    Set<String> transferSyntaxes();

    /**
     * Decodes one frame.
     *
     * @param encoded            the frame's bytes (its fragments concatenated)
     * @param description        the validated image attributes
     * @param transferSyntaxUid  the syntax the bytes are in
     * @return {@code description.samplesPerFrame()} stored values
     * @throws PixelDataException when the stream is corrupt or disagrees with the description
     */
    int[] decode(byte[] encoded, PixelDescription description, String transferSyntaxUid) throws PixelDataException;

    /**
     * The photometric interpretation of the values {@link #decode} returns: the file's own unless the codec converts
     * colour (a JPEG decoder that returns RGB for YBR_FULL_422 data overrides this), so the display pipeline knows
     * whether a YBR to RGB conversion is still due.
     */
    default String decodedPhotometric(PixelDescription description, String transferSyntaxUid) {
        return description.photometric();
    }
}
