package org.raylens.viewer.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * JPEG 2000 lossless (1.2.840.10008.1.2.4.90) and lossy (.4.91) through jai-imageio-jpeg2000, read as a raster.
 * The codestream's own multi-component transform (RCT for YBR_RCT, ICT for YBR_ICT) is inverted by the decoder, so
 * colour frames with those photometric interpretations come out as RGB. Signed components are returned as raw bits
 * and sign-extended from Bits Stored here. The SIZ geometry is checked against the DICOM header before decoding.
 */
public final class Jpeg2000Codec implements PixelCodec {

    private static final Set<String> SYNTAXES = Set.of(TransferSyntax.JPEG_2000_LOSSLESS, TransferSyntax.JPEG_2000);

    private final J2KImageReaderSpi spi = new J2KImageReaderSpi();

    @Override
    public Set<String> transferSyntaxes() {
        return SYNTAXES;
    }

    @Override
    public int[] decode(byte[] encoded, PixelDescription description, String transferSyntaxUid)
            throws PixelDataException {
        int samples = SampleOutput.samplesPerFrame(description);
        J2kHeader header = J2kHeader.parse(encoded);
        if (header.width() != description.columns() || header.height() != description.rows()
                || header.components() != description.samplesPerPixel()) {
            throw CodecErrors.corrupt("JPEG 2000 image is " + header.width() + "×" + header.height() + "×"
                    + header.components() + " but the header declares " + description.columns() + "×"
                    + description.rows() + "×" + description.samplesPerPixel());
        }
        for (int p : header.precision()) {
            if (p > Math.min(16, Math.max(description.bitsAllocated(), 8))) {
                throw CodecErrors.corrupt("JPEG 2000 component precision " + p + " exceeds Bits Allocated "
                        + description.bitsAllocated());
            }
        }
        ImageReader reader = null;
        try (ImageInputStream in = new StrictEofImageInputStream(encoded)) {
            reader = spi.createReaderInstance();
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            long n = (long) raster.getWidth() * raster.getHeight() * raster.getNumBands();
            if (n != samples) {
                throw CodecErrors.corrupt("JPEG 2000 decoder returned " + n + " samples, expected " + samples);
            }
            int[] out = raster.getPixels(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(),
                    new int[samples]);
            return SampleOutput.toStoredValues(out, description);
        } catch (IOException | RuntimeException | Error e) {
            CodecErrors.rethrowIfFatal(e);
            throw CodecErrors.wrap("JPEG 2000 decoder (jai-imageio)", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }
}
