package org.raylens.viewer.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;

/**
 * The one entry point the app and the command line use to open an image file, whatever it holds. The format is
 * decided by content, never by extension: "DICM" at byte 128 means DICOM; PNG, JPEG and TIFF signatures mean a
 * raster image; anything else is tried as a DICOM dataset without preamble (old archives), and its DICOM error is
 * reported if that fails too, unless the extension promised a raster image: then the error says so and what the
 * file holds instead ({@link RasterExtension}).
 */
public final class ImageOpener {
    private final PixelCodecRegistry codecs;

    /** An opener using every codec on the class path. */
    public ImageOpener() {
        this(PixelCodecRegistry.fromServiceLoader());
    }

    public ImageOpener(PixelCodecRegistry codecs) {
        this.codecs = codecs;
    }

    /**
     * Opens {@code path}. For DICOM the header and pixel layout are validated now; frames decode on request.
     *
     * @throws DicomException a typed error naming the file: malformed or truncated DICOM, unsupported transfer
     *                        syntax, inconsistent pixel attributes, or an unreadable raster image
     */
    public OpenedImage open(Path path) throws DicomException {
        byte[] head = new byte[132];
        int n = readHead(path, head);
        String format = sniff(head, n);
        if (format != null) {
            return OpenedImage.raster(path, format, RasterImageReader.read(path));
        }
        String promised = isDicom(head, n) ? null : RasterExtension.expectedFormat(path);
        if (promised != null && RasterExtension.emptyOrText(head, n)) {
            throw RasterExtension.mismatch(path, promised, head, n, null);
        }
        DicomFile file;
        try {
            file = DicomReader.read(path);
        } catch (DicomException e) {
            // A ".png" that is not DICOM either: say what its name promised, not what a DICOM parser missed.
            throw promised == null ? e : RasterExtension.mismatch(path, promised, head, n, e);
        }
        boolean ok = false;
        try {
            DicomPixels pixels = DicomPixels.open(file, codecs);
            OpenedImage image = OpenedImage.dicom(file, DicomImageFactory.of(pixels, file.dataset()));
            ok = true;
            return image;
        } finally {
            if (!ok) {
                closeQuietly(file);
            }
        }
    }

    private static int readHead(Path path, byte[] head) throws DicomException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UnreadableImageException("cannot read the file: " + e.getMessage(), path, e);
        }
    }

    private static boolean isDicom(byte[] head, int n) {
        return n >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    /** "PNG", "JPEG" or "TIFF" when the file starts with that signature; null for DICOM or unknown content. */
    private static String sniff(byte[] head, int n) {
        if (isDicom(head, n)) {
            return null;
        }
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return "PNG";
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "JPEG";
        }
        if (n >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
            return "TIFF";
        }
        return null;
    }

    private static void closeQuietly(DicomFile file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // The open failed already; that error is the one the caller needs.
        }
    }
}
