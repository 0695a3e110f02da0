package org.raylens.viewer.dicomweb;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.raylens.viewer.source.ImageSourceException;

/**
 * The address of a DICOMweb instance as an image source: the instance's WADO-RS URL with {@code dicomweb+} before
 * its scheme, e.g. {@code dicomweb+http://pacs:8042/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4}, and
 * {@code #frame=N} (from 1) for one frame, as file sources write it. The marker keeps plain web URLs (which are not
 * DICOM) from being taken for instances and says which kind opens it; dropping it gives the real URL. The base URL
 * is everything before {@code /studies/}: it names the configured server that must exist for the URI to open.
 * See docs/decisions/dicomweb.md.
 */
public record DicomWebUri(URI baseUrl, InstanceRef instance, int frame) {

    public static final String SCHEME_PREFIX = "dicomweb+";
    private static final Pattern PATH = Pattern.compile(
            "(.*)/studies/([0-9.]+)/series/([0-9.]+)/instances/([0-9.]+)/?");
    private static final Pattern FRAME = Pattern.compile("frame=([1-9][0-9]{0,8})");

    /** Whether the URI has this form's scheme ({@code dicomweb+http} or {@code dicomweb+https}). */
    public static boolean hasScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals(SCHEME_PREFIX + "http") || scheme.equals(SCHEME_PREFIX + "https");
    }

    public static DicomWebUri of(URI baseUrl, InstanceRef instance) {
        return new DicomWebUri(DicomWebConfig.of(baseUrl).baseUrl(), instance, 0);
    }

    public static DicomWebUri parse(URI uri) throws ImageSourceException {
        if (!hasScheme(uri) || uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new ImageSourceException(uri, "not a DICOMweb instance URI (dicomweb+http://host/.../studies/"
                    + "<uid>/series/<uid>/instances/<uid>)");
        }
        Matcher m = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!m.matches()) {
            throw new ImageSourceException(uri, "the path does not end in studies/<uid>/series/<uid>/instances/<uid>");
        }
        int frame = 0;
        if (uri.getRawFragment() != null) {
            Matcher f = FRAME.matcher(uri.getRawFragment());
            if (!f.matches()) {
                throw new ImageSourceException(uri, "the fragment must be frame=N with N from 1");
            }
            frame = Integer.parseInt(f.group(1));
        }
        String scheme = uri.getScheme().substring(SCHEME_PREFIX.length()).toLowerCase(Locale.ROOT);
        try {
            URI base = URI.create(scheme + "://" + uri.getRawAuthority() + m.group(1));
            return new DicomWebUri(base, new InstanceRef(m.group(2), m.group(3), m.group(4)), frame);
        } catch (IllegalArgumentException e) {
            throw new ImageSourceException(uri, e.getMessage(), e);
        }
    }

    public DicomWebUri withFrame(int newFrame) {
        return new DicomWebUri(baseUrl, instance, newFrame);
    }

    public URI uri() {
        return URI.create(SCHEME_PREFIX + baseUrl + "/" + instance.path() + (frame > 0 ? "#frame=" + frame : ""));
    }
}
