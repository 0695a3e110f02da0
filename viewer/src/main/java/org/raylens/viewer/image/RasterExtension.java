package org.raylens.viewer.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a file's extension promises (".png" a PNG image, ".jpg" a JPEG, ".tif" a TIFF) and, when the content breaks
 * that promise, a description of what is there instead. The format is still decided by content; the extension only
 * makes the error say what the user expected to see ("expected a PNG image but the file is empty") instead of a
 * DICOM parser's complaint about a file nobody thought was DICOM.
 */
final class RasterExtension {
    private RasterExtension() {}

    /** "PNG", "JPEG" or "TIFF" for those extensions (any case), else null. */
    static String expectedFormat(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return null;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return switch (dot < 0 ? "" : n.substring(dot + 1)) {
            case "png" -> "PNG";
            case "jpg", "jpeg", "jpe", "jfif" -> "JPEG";
            case "tif", "tiff" -> "TIFF";
            default -> null;
        };
    }

    /** The error for a file whose extension promised {@code format} but whose first {@code n} bytes are not one. */
    static UnreadableImageException mismatch(Path path, String format, byte[] head, int n, Throwable cause) {
        return new UnreadableImageException("expected a " + format + " image (by its extension) but the file "
                + whatIsThere(head, n), path, cause);
    }

    /** Whether the bytes are empty or look like text: no DICOM reading could succeed on them. */
    static boolean emptyOrText(byte[] head, int n) {
        return n == 0 || looksLikeText(head, n);
    }

    private static String whatIsThere(byte[] head, int n) {
        if (n == 0) {
            return "is empty";
        }
        if (looksLikeText(head, n)) {
            String text = new String(head, 0, Math.min(n, 24), StandardCharsets.ISO_8859_1).strip()
                    .replaceAll("\\s+", " ");
            return "starts with text (\"" + text + (n > 24 ? "…" : "") + "\")";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(n, 8); i++) {
            hex.append(String.format("%02X ", head[i] & 0xFF));
        }
        return "starts with the bytes " + hex.toString().strip() + ", which no PNG, JPEG, TIFF or DICOM file has";
    }

    /** Printable ASCII, UTF-8 lead/continuation bytes and whitespace only (a BOM is fine). */
    private static boolean looksLikeText(byte[] head, int n) {
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            boolean text = (b >= 0x20 && b != 0x7F) || b == '\n' || b == '\r' || b == '\t' || b == '\f';
            if (!text) {
                return false;
            }
        }
        return true;
    }
}
