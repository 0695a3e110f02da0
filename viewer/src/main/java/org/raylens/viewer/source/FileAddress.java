package org.raylens.viewer.source;

import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A local file, or one frame of it, and its {@code file:} URI: {@code file:///data/x.dcm} for the file (its first
 * frame when shown), {@code file:///data/x.dcm#frame=3} for frame 3. Frames are numbered from 1, as DICOM's
 * Referenced Frame Number and DICOMweb's {@code /frames/3} number them. The file edge of {@link ImageSource}: the
 * only place a {@link Path} turns into an identity and back.
 *
 * @param frame the frame number (1 = first), or {@link #WHOLE_FILE}
 */
public record FileAddress(Path file, int frame) {

    /** The file itself rather than one of its frames. */
    public static final int WHOLE_FILE = 0;

    private static final String FRAME_FRAGMENT = "frame=";

    public FileAddress {
        file = file.toAbsolutePath().normalize();
        if (frame < 0) {
            throw new IllegalArgumentException("frame numbers start at 1: " + frame);
        }
    }

    public static FileAddress of(Path file) {
        return new FileAddress(file, WHOLE_FILE);
    }

    public boolean isFrame() {
        return frame != WHOLE_FILE;
    }

    /** The URI naming this file or frame. */
    public URI uri() {
        URI base = file.toUri();
        // The fragment is plain ASCII: appended to the encoded URI it needs no escaping of its own.
        return isFrame() ? URI.create(base + "#" + FRAME_FRAGMENT + frame) : base;
    }

    /**
     * The file or frame a {@code file:} URI names.
     *
     * @throws ImageSourceException when the URI is not a local file URI or its fragment is not {@code frame=N}
     */
    public static FileAddress parse(URI uri) throws ImageSourceException {
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("file") || uri.isOpaque()) {
            throw new ImageSourceException(uri, "not a local file address (file:///path)");
        }
        if (uri.getRawQuery() != null) {
            throw new ImageSourceException(uri, "a file address has no query part (?" + uri.getRawQuery() + ")");
        }
        int frame = frameOf(uri);
        String text = uri.toString();
        int hash = text.indexOf('#');
        URI withoutFragment = hash < 0 ? uri : URI.create(text.substring(0, hash));
        try {
            return new FileAddress(Path.of(withoutFragment), frame);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new ImageSourceException(uri, "not a local file address: " + e.getMessage(), e);
        }
    }

    private static int frameOf(URI uri) throws ImageSourceException {
        String fragment = uri.getFragment();
        if (fragment == null) {
            return WHOLE_FILE;
        }
        if (fragment.startsWith(FRAME_FRAGMENT)) {
            String number = fragment.substring(FRAME_FRAGMENT.length());
            if (!number.isEmpty() && number.length() <= 9 && number.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int n = Integer.parseInt(number);
                if (n >= 1) {
                    return n;
                }
            }
        }
        throw new ImageSourceException(uri, "the fragment #" + fragment
                + " is not a frame; write #frame=N with N from 1");
    }
}
