package org.raylens.viewer.dicom.codec;

import java.util.Set;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.codec.jpegls.JpegLsDecoder;
import org.raylens.viewer.dicom.codec.jpegls.JpegLsFrame;

/**
 * JPEG-LS lossless (1.2.840.10008.1.2.4.80) and near-lossless (.4.81) through RayLens's own pure-Java decoder
 * ({@link JpegLsDecoder}); no pure-Java JPEG-LS codec exists on Maven Central. JPEG-LS in DICOM carries no colour
 * transform, so colour frames come out as coded (normally RGB).
 */
public final class JpegLsCodec implements PixelCodec {

    private static final Set<String> SYNTAXES = Set.of(TransferSyntax.JPEG_LS_LOSSLESS,
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS);

    @Override
    public Set<String> transferSyntaxes() {
        return SYNTAXES;
    }

    @Override
    public int[] decode(byte[] encoded, PixelDescription description, String transferSyntaxUid)
            throws PixelDataException {
        int samples = SampleOutput.samplesPerFrame(description);
        if (description.bitsAllocated() > 16) {
            throw CodecErrors.corrupt("JPEG-LS holds at most 16 bits per sample, but Bits Allocated is "
                    + description.bitsAllocated());
        }
        JpegLsFrame frame;
        try {
            frame = JpegLsDecoder.decode(encoded, description.rows(), description.columns(),
                    description.samplesPerPixel());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The decoder validates its inputs; reaching here means a check is missing, still a corrupt stream.
            throw CodecErrors.wrap("JPEG-LS decoder", e);
        }
        if (frame.samples().length != samples) {
            throw CodecErrors.corrupt("JPEG-LS frame holds " + frame.samples().length + " samples, expected "
                    + samples);
        }
        return SampleOutput.toStoredValues(frame.samples(), description);
    }
}
