package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.Raster;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * RayLens's lossless JPEG decoder on streams that exercise every predictor, point transforms, restart intervals,
 * colour and extreme differences (category 16), checked against the original samples and against TwelveMonkeys.
 */
class LosslessJpegDecoderTest {

    private final JpegCodec codec = new JpegCodec();

    @ParameterizedTest(name = "P={0} predictor {1} Pt={2} restart every {3} rows, {4} components")
    @CsvSource({"16, 1, 0, 0, 1", "16, 2, 0, 4, 1", "16, 3, 0, 0, 1", "16, 4, 0, 3, 1", "16, 5, 0, 0, 1",
        "16, 6, 0, 5, 1", "16, 7, 0, 0, 1", "12, 7, 2, 2, 1", "8, 4, 1, 0, 1", "8, 5, 0, 3, 3", "2, 1, 0, 0, 1",
        "16, 6, 3, 7, 1", "12, 4, 0, 1, 3", "16, 4, 0, 0, 3", "12, 6, 0, 0, 1", "8, 7, 0, 0, 3"})
    void decodesWhatWasEncodedAndAgreesWithTwelveMonkeys(int precision, int predictor, int pt, int restartRows,
            int comps) throws Exception {
        int rows = 29;
        int cols = 31;
        int[] samples = SyntheticImages.make(rows, cols, comps, precision, predictor * 10L + pt);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (samples[i] >> pt) << pt;
        }
        if (precision == 16) { // force differences of category 16 (±32768)
            samples[cols * comps + comps] = 0;
            samples[cols * comps + 2 * comps] = 32768 & ~((1 << pt) - 1);
        }
        byte[] stream = new LosslessJpegTestEncoder().encode(samples, rows, cols, comps, precision, predictor, pt,
                restartRows);
        PixelDescription d = new PixelDescription(rows, cols, 1, comps, precision > 8 ? 16 : 8, precision,
                precision - 1, false, comps == 3 ? "RGB" : "MONOCHROME2", 0);
        int[] ours = codec.decode(stream, d, TransferSyntax.JPEG_LOSSLESS);
        assertArrayEquals(samples, ours, "RayLens vs original");
        // TwelveMonkeys departs from ISO 10918-1 H.1.2.1 with a point transform (it starts prediction at 2^(P−1),
        // not 2^(P−Pt−1)) and after restart markers (it does not predict the next line as a first line), and it
        // rejects 2-bit data and colour above 8 bits; it is an independent oracle only for the other streams.
        if (pt == 0 && restartRows == 0 && precision >= 8 && (comps == 1 || precision == 8)) {
            assertArrayEquals(twelveMonkeys(stream, samples.length), ours, "RayLens vs TwelveMonkeys");
        }
    }

    @ParameterizedTest(name = "truncated, variant {0}")
    @CsvSource({"0", "1"})
    void truncatedStreamIsATypedError(int variant) {
        int[] samples = SyntheticImages.make(20, 20, 1, 16, 1);
        byte[] stream = new LosslessJpegTestEncoder().encode(samples, 20, 20, 1, 16, 1, 0, 0);
        PixelDescription d = new PixelDescription(20, 20, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        byte[] cut = java.util.Arrays.copyOf(stream, variant == 0 ? stream.length / 2 : 40);
        assertThrows(PixelDataException.class, () -> codec.decode(cut, d, TransferSyntax.JPEG_LOSSLESS));
    }

    private static int[] twelveMonkeys(byte[] stream, int samples) throws Exception {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (spi == null) {
            registry.registerServiceProvider(new JPEGImageReaderSpi(), ImageReaderSpi.class);
            spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        }
        ImageReader reader = spi.createReaderInstance();
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(
                new java.io.ByteArrayInputStream(stream))) {
            reader.setInput(in);
            Raster r = reader.readRaster(0, null);
            return r.getPixels(0, 0, r.getWidth(), r.getHeight(), new int[samples]);
        } finally {
            reader.dispose();
        }
    }
}
