package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.net.URI;

/**
 * A DICOMweb exchange failed. Each kind of failure is its own subclass, so the window and the CLI can say what to do
 * (start the server, check the credentials, try again later) and the CLI prints the type:
 * {@code DicomWebException.Unauthorized: ...}. Every message names the URL that failed. An {@link IOException}, so
 * the CLI's exit status for it is "input unreadable" (2).
 */
public class DicomWebException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI url;

    public DicomWebException(URI url, String message, Throwable cause) {
        super(url + ": " + message, cause);
        this.url = url;
    }

    /** The request that failed. */
    public URI url() {
        return url;
    }

    /** Nothing listens at the server's address (connection refused, unknown host, connection reset before reply). */
    public static final class ServerUnreachable extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public ServerUnreachable(URI url, Throwable cause) {
            super(url, "the DICOMweb server cannot be reached (is it running, and is the URL right?): "
                    + cause, cause);
        }
    }

    /** The TLS handshake failed: most often a certificate from a CA that is not trusted here. */
    public static final class TlsFailure extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public TlsFailure(URI url, Throwable cause) {
            super(url, "the secure connection failed (if the server's certificate comes from your own CA, give its "
                    + "certificate with --ca-file): " + cause.getMessage(), cause);
        }
    }

    /** The server did not connect, answer or send more data within the configured time. */
    public static final class Timeout extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public Timeout(URI url, String what, Throwable cause) {
            super(url, what + "; the server may be overloaded or the network slow", cause);
        }
    }

    /** The server answered with an HTTP error status. */
    public static class HttpStatus extends DicomWebException {
        private static final long serialVersionUID = 1L;

        private final int status;

        public HttpStatus(URI url, int status, String message) {
            super(url, message, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** 401 or 403: the server wants (other) credentials. */
    public static final class Unauthorized extends HttpStatus {
        private static final long serialVersionUID = 1L;

        public Unauthorized(URI url, int status) {
            super(url, status, "HTTP " + status + ": credentials needed or refused (give --user/--password or "
                    + "--token, or check them)");
        }
    }

    /** 404: the study, series or instance (or the DICOMweb root itself) is not on the server. */
    public static final class NotFound extends HttpStatus {
        private static final long serialVersionUID = 1L;

        public NotFound(URI url, String what) {
            super(url, 404, "HTTP 404: " + what + " not found on the server");
        }
    }

    /** 5xx: the server failed. */
    public static final class ServerError extends HttpStatus {
        private static final long serialVersionUID = 1L;

        public ServerError(URI url, int status, String body) {
            super(url, status, "HTTP " + status + ": the server failed" + (body.isBlank() ? "" : ": " + body));
        }
    }

    /** The body ended before it was complete: a multipart body without its closing boundary, a short part. */
    public static final class Truncated extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public Truncated(URI url, String detail, Throwable cause) {
            super(url, "the response was cut off: " + detail, cause);
        }
    }

    /** The server answered with a content type this request cannot use. */
    public static final class WrongContentType extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public WrongContentType(URI url, String expected, String actual) {
            super(url, "expected " + expected + " but the server sent " + (actual == null ? "no content type"
                    : "'" + actual + "'"), null);
        }
    }

    /** The body is not what DICOMweb says it should be (unparseable JSON, a part without a content type). */
    public static final class Malformed extends DicomWebException {
        private static final long serialVersionUID = 1L;

        public Malformed(URI url, String detail, Throwable cause) {
            super(url, detail, cause);
        }
    }
}
