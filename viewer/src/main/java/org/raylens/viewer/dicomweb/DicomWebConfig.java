package org.raylens.viewer.dicomweb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured DICOMweb server: its base URL (the DICOMweb root, e.g. {@code http://localhost:8042/dicom-web}),
 * authentication, an optional extra CA certificate file trusted besides the system's, and the timeouts that keep a
 * dead or stalled server from hanging the program. {@code readTimeout} bounds both the wait for the response headers
 * and any silence while a body streams.
 */
public record DicomWebConfig(URI baseUrl, DicomWebAuth auth, Optional<Path> extraCaFile, Duration connectTimeout,
        Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public DicomWebConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(extraCaFile, "extraCaFile");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("a DICOMweb URL must be http:// or https:// with a host: " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        baseUrl = withoutTrailingSlash(baseUrl);
    }

    /** A server with no authentication, the system trust store and the default timeouts. */
    public static DicomWebConfig of(URI baseUrl) {
        return new DicomWebConfig(baseUrl, DicomWebAuth.NONE, Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT);
    }

    public DicomWebConfig withAuth(DicomWebAuth newAuth) {
        return new DicomWebConfig(baseUrl, newAuth, extraCaFile, connectTimeout, readTimeout);
    }

    public DicomWebConfig withExtraCaFile(Path caFile) {
        return new DicomWebConfig(baseUrl, auth, Optional.of(caFile), connectTimeout, readTimeout);
    }

    public DicomWebConfig withTimeouts(Duration connect, Duration read) {
        return new DicomWebConfig(baseUrl, auth, extraCaFile, connect, read);
    }

    /** {@code path} (without a leading slash) under the base URL. */
    URI resolve(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }
}
