package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.MimeIOException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads a WADO-RS {@code multipart/related} body part by part with Apache James mime4j in strict mode, so that a body
 * cut off before its closing boundary is an error ({@link DicomWebException.Truncated}), never a short last part
 * taken for a whole one. Parts stream: each is handed to the {@link PartHandler} as it arrives and never held whole
 * in memory by the reader.
 */
final class MultipartReader {

    /** Receives one part's body; the stream ends where the part ends (and throws if the body was cut off). */
    @FunctionalInterface
    interface PartHandler {
        void part(int index, String contentType, InputStream body) throws IOException;
    }

    private MultipartReader() {}

    /**
     * @param contentType the response's Content-Type header (gives the boundary)
     * @param partType    the content type every part must have, e.g. {@code application/dicom}
     * @return how many parts were read
     */
    static int read(URI url, String contentType, String partType, InputStream body, PartHandler handler)
            throws IOException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")
                || !contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            throw new DicomWebException.WrongContentType(url, "multipart/related with a boundary", contentType);
        }
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.custom().setStrictParsing(true).setMaxLineLen(-1)
                .setMaxHeaderLen(-1).setMaxContentLen(-1).setMaxHeaderCount(-1).build());
        stream.parseHeadless(body, contentType);
        int parts = 0;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_BODY) {
                    String type = stream.getBodyDescriptor().getMimeType();
                    if (!partType.equalsIgnoreCase(type)) {
                        throw new DicomWebException.WrongContentType(url, "parts of type " + partType,
                                "a part of type " + type);
                    }
                    handler.part(parts++, type, stream.getInputStream());
                }
            }
        } catch (MimeIOException e) {
            throw new DicomWebException.Truncated(url, "the multipart body ended inside part " + (parts) + " ("
                    + e.getMessage() + ")", e);
        } catch (MimeException e) {
            throw new DicomWebException.Malformed(url, "malformed multipart body: " + e.getMessage(), e);
        }
        return parts;
    }
}
