package org.raylens.viewer.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG, JPEG and TIFF chest radiographs (as CheXpert, NIH ChestX-ray14 and PadChest ship them) into the same
 * image model as DICOM: greyscale files of 8 or 16 bits become a {@link GreyscaleImage} whose stored and modality
 * values are the file's samples and whose default window is their full range; RGB files whose three channels are
 * equal everywhere (many "colour" CXR JPEGs are grey) are read as 8-bit greyscale; true colour becomes a
 * {@link ColorImage}. JDK ImageIO reads PNG (16-bit included) and TIFF; TwelveMonkeys supplies a robust JPEG reader.
 *
 * <p>The dimensions are checked from the header before any pixel buffer is allocated.
 */
public final class RasterImageReader {
    /** Largest image accepted: 2^28 pixels (16 384²) is far beyond any radiograph and still fits the heap. */
    static final long MAX_PIXELS = 1L << 28;

    private RasterImageReader() {}

    public static DisplayableImage read(Path path) throws UnreadableImageException {
        BufferedImage image = decode(path);
        return fromBufferedImage(image);
    }

    /** Converts an already decoded image (tests, clipboard) into the image model. */
    public static DisplayableImage fromBufferedImage(BufferedImage image) {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel) {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            return isGrey(argb) ? grey(w, h, lowByte(argb)) : new ColorImage(w, h, opaque(argb), null);
        }
        int bands = raster.getNumBands();
        int colourBands = cm.getNumColorComponents();
        if (colourBands == 1 || bands == 1) {
            return grey(w, h, raster.getSamples(0, 0, w, h, 0, new int[w * h]));
        }
        int[] r = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
        int[] g = raster.getSamples(0, 0, w, h, 1, new int[w * h]);
        int[] b = raster.getSamples(0, 0, w, h, 2, new int[w * h]);
        if (java.util.Arrays.equals(r, g) && java.util.Arrays.equals(r, b)) {
            return grey(w, h, r);
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] argb = new int[w * h];
        double scale = 255.0 / ((1L << bits) - 1);
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | (to8(r[i], scale) << 16) | (to8(g[i], scale) << 8) | to8(b[i], scale);
        }
        return new ColorImage(w, h, argb, null);
    }

    private static GreyscaleImage grey(int w, int h, int[] values) {
        return new GreyscaleImage(w, h, values, false, new GreyscalePipeline(ModalityLut.IDENTITY, false,
                java.util.Map.of()), List.of(), null);
    }

    private static BufferedImage decode(Path path) throws UnreadableImageException {
        if (!Files.isRegularFile(path)) {
            throw new UnreadableImageException("not a readable file", path);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new UnreadableImageException("cannot open the file", path);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException("neither DICOM nor a PNG, JPEG or TIFF image", path);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    throw new UnreadableImageException("image of " + reader.getWidth(0) + " x " + reader.getHeight(0)
                            + " pixels is empty or too large", path);
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new UnreadableImageException("the image decoder returned nothing", path);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("cannot decode the image: " + e.getMessage(), path, e);
        }
    }

    private static boolean isGrey(int[] argb) {
        for (int p : argb) {
            int r = (p >> 16) & 0xFF;
            if (r != ((p >> 8) & 0xFF) || r != (p & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static int[] lowByte(int[] argb) {
        int[] out = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            out[i] = argb[i] & 0xFF;
        }
        return out;
    }

    private static int[] opaque(int[] argb) {
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xFF000000;
        }
        return argb;
    }

    private static int to8(int v, double scale) {
        long x = Math.round(v * scale);
        return x > 255 ? 255 : (int) x;
    }
}
