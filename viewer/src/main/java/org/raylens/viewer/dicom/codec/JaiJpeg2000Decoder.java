package org.raylens.viewer.dicom.codec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.raylens.viewer.dicom.PixelDataException;

/**
 * The pure-Java JPEG 2000 path: jai-imageio (jj2000) reads the frame as a raster. Fed through
 * {@link StrictEofImageInputStream} so a truncated stream ends instead of looping (see docs/decisions/own-decoders.md).
 */
final class JaiJpeg2000Decoder implements Jpeg2000Codec.FrameDecoder {

    private final J2KImageReaderSpi spi = new J2KImageReaderSpi();

    @Override
    public String name() {
        return "jai-imageio";
    }

    @Override
    public int[] decode(byte[] encoded, J2kHeader header, int samples) throws PixelDataException {
        ImageReader reader = null;
        try (ImageInputStream in = new StrictEofImageInputStream(encoded)) {
            reader = spi.createReaderInstance();
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            long n = (long) raster.getWidth() * raster.getHeight() * raster.getNumBands();
            if (n != samples) {
                throw CodecErrors.corrupt("JPEG 2000 decoder returned " + n + " samples, expected " + samples);
            }
            return raster.getPixels(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(),
                    new int[samples]);
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
