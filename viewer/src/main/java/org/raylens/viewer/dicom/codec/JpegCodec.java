package org.raylens.viewer.dicom.codec;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.codec.jpeg.DctJpegDecoder;
import org.raylens.viewer.dicom.codec.jpeg.LosslessJpegDecoder;

/**
 * JPEG Baseline (1.2.840.10008.1.2.4.50), Extended 12-bit (.4.51), Lossless process 14 (.4.57) and its selection
 * value 1 (.4.70). 8-bit DCT frames go through TwelveMonkeys imageio-jpeg (the JDK's libjpeg), read as a raster so
 * that no colour conversion is applied. Two cases use RayLens's own decoders: 12-bit DCT frames, which the JDK
 * decoder rejects ({@link DctJpegDecoder}), and lossless frames, which TwelveMonkeys decodes exactly but about
 * three times slower than GDCM ({@link LosslessJpegDecoder}); TwelveMonkeys remains the path for subsampled
 * lossless colour.
 *
 * <p><b>Colour.</b> Output samples are the decompressed components as coded: a colour-transformed frame labelled
 * YBR_FULL or YBR_FULL_422 comes out as Y, Cb, Cr (full-range), exactly as GDCM and pydicom return it (the
 * conformance hashes of IM00001, SC_rgb_jpeg_dcmtk and SC_rgb_dcmtk_+eb+cy+np confirm this byte for byte), and the
 * image pipeline converts it for display as it does uncompressed YBR_FULL, e.g. with {@link YbrToRgb}, which
 * reproduces libjpeg's arithmetic. Some writers label RGB JPEG data YBR_FULL_422; {@link #decodedPhotometric}
 * says what the samples really are, using libjpeg's rules (JFIF APP0, Adobe APP14 transform, component IDs).
 *
 * <p>The SOF geometry is checked against the DICOM header before decoding, so a corrupt stream cannot make the
 * third-party decoder allocate an image larger than the declared one. Every failure of the decoder, including
 * unchecked exceptions and errors, reaches the caller as a {@link PixelDataException}.
 */
public final class JpegCodec implements PixelCodec {

    private static final Set<String> SYNTAXES = Set.of(TransferSyntax.JPEG_BASELINE, TransferSyntax.JPEG_EXTENDED,
            TransferSyntax.JPEG_LOSSLESS, TransferSyntax.JPEG_LOSSLESS_SV1);

    private final JPEGImageReaderSpi spi = registeredProvider();

    /**
     * TwelveMonkeys' provider finds the JDK's JPEG reader (its delegate for metadata) only when it is registered with
     * the ImageIO registry; ImageIO registers class-path providers itself, and this registers it where a class loader
     * hid it.
     */
    private static JPEGImageReaderSpi registeredProvider() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        JPEGImageReaderSpi provider = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (provider == null) {
            registry.registerServiceProvider(new JPEGImageReaderSpi(), ImageReaderSpi.class);
            provider = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        }
        return provider;
    }

    @Override
    public Set<String> transferSyntaxes() {
        return SYNTAXES;
    }

    /**
     * The photometric interpretation of this codec's output for a frame: YBR_FULL and YBR_FULL_422 stay as they are
     * when the stream is colour-transformed (the usual case) and become RGB when it is not (Adobe transform 0, or
     * component IDs 'R','G','B'), as libjpeg-based toolkits treat them; every other value is returned unchanged.
     */
    public static String decodedPhotometric(byte[] encoded, String photometric) throws PixelDataException {
        if (isYbrFull(photometric) && !JpegHeader.parse(encoded).colourTransformed()) {
            return "RGB";
        }
        return photometric;
    }

    @Override
    public int[] decode(byte[] encoded, PixelDescription description, String transferSyntaxUid)
            throws PixelDataException {
        int samples = SampleOutput.samplesPerFrame(description);
        JpegHeader header = JpegHeader.parse(encoded);
        if (header.rows() != description.rows() || header.columns() != description.columns()
                || header.componentIds().length != description.samplesPerPixel()) {
            throw CodecErrors.corrupt("JPEG frame is " + header.columns() + "×" + header.rows() + "×"
                    + header.componentIds().length + " but the header declares " + description.columns() + "×"
                    + description.rows() + "×" + description.samplesPerPixel());
        }
        if (header.precision() > description.bitsAllocated() || header.precision() < 2) {
            throw CodecErrors.corrupt("JPEG precision " + header.precision() + " does not fit Bits Allocated "
                    + description.bitsAllocated());
        }
        int[] out;
        if (header.precision() == 12 && (header.sofMarker() == 0xC1 || header.sofMarker() == 0xC0)) {
            out = decodeOwn(() -> DctJpegDecoder.decode(encoded, description.rows(), description.columns(),
                    description.samplesPerPixel()));
        } else if (header.sofMarker() == 0xC3 && (header.componentIds().length == 1 || header.unsubsampled())) {
            out = decodeOwn(() -> LosslessJpegDecoder.decode(encoded, description.rows(), description.columns(),
                    description.samplesPerPixel()));
        } else {
            out = readRaster(encoded, samples);
        }
        return SampleOutput.toStoredValues(out, description);
    }

    /** A decoder of RayLens's own; it raises typed errors itself, and anything unchecked still becomes one. */
    private interface OwnDecoder {
        int[] decode() throws PixelDataException;
    }

    private static int[] decodeOwn(OwnDecoder decoder) throws PixelDataException {
        try {
            return decoder.decode();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw CodecErrors.wrap("JPEG decoder", e);
        }
    }

    private static boolean isYbrFull(String photometric) {
        return "YBR_FULL".equals(photometric) || "YBR_FULL_422".equals(photometric);
    }

    private int[] readRaster(byte[] encoded, int samples) throws PixelDataException {
        ImageReader reader = null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            reader = spi.createReaderInstance();
            reader.setInput(in, true, true);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, message) -> warnings.add(message));
            Raster raster = reader.readRaster(0, null);
            for (String w : warnings) {
                // libjpeg pads a truncated scan with zeros and only warns; a grey smear is not an image.
                String lower = w.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated")) {
                    throw CodecErrors.corrupt("JPEG data are incomplete (" + w + ")");
                }
            }
            long n = (long) raster.getWidth() * raster.getHeight() * raster.getNumBands();
            if (n != samples) {
                throw CodecErrors.corrupt("JPEG decoder returned " + n + " samples, expected " + samples);
            }
            return raster.getPixels(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(),
                    new int[samples]);
        } catch (IOException | RuntimeException | Error e) {
            CodecErrors.rethrowIfFatal(e);
            throw CodecErrors.wrap("JPEG decoder (TwelveMonkeys)", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }
}
