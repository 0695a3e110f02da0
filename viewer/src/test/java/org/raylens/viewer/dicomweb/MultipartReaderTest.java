package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict multipart reading on synthetic bodies: whole parts, binary content, and every way a body can be bad. */
class MultipartReaderTest {

    private static final URI URL = URI.create("http://pacs/dicom-web/studies/1");
    private static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=XyZ";

    @Test
    void readsEachPartWholeIncludingBinaryBytesThatLookLikeLineBreaks() throws Exception {
        byte[] a = {0, 1, '\r', '\n', '-', '-', 'X', 'y', 2, (byte) 0xff};
        byte[] b = "second".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        int n = MultipartReader.read(URL, TYPE, "application/dicom", new ByteArrayInputStream(body(a, b, true)),
                (i, t, in) -> parts.add(in.readAllBytes()));
        assertEquals(2, n);
        assertArrayEquals(a, parts.get(0));
        assertArrayEquals(b, parts.get(1));
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsTruncated() throws Exception {
        byte[] whole = body(new byte[5000], new byte[5000], true);
        for (int cut : new int[] {whole.length - 3, whole.length - 12, 6000, 200, 20}) {
            byte[] shortBody = Arrays.copyOf(whole, cut);
            assertThrows(DicomWebException.Truncated.class, () -> MultipartReader.read(URL, TYPE,
                    "application/dicom", new ByteArrayInputStream(shortBody), (i, t, in) -> in.readAllBytes()),
                    "cut at " + cut);
        }
    }

    @Test
    void aPartOfAnotherTypeOrABodyThatIsNotMultipartIsAWrongContentType() throws Exception {
        byte[] body = ("--XyZ\r\nContent-Type: text/html\r\n\r\n<html>\r\n--XyZ--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThrows(DicomWebException.WrongContentType.class, () -> MultipartReader.read(URL, TYPE,
                "application/dicom", new ByteArrayInputStream(body), (i, t, in) -> in.readAllBytes()));
        assertThrows(DicomWebException.WrongContentType.class, () -> MultipartReader.read(URL, "application/json",
                "application/dicom", new ByteArrayInputStream(body), (i, t, in) -> in.readAllBytes()));
        assertThrows(DicomWebException.WrongContentType.class, () -> MultipartReader.read(URL,
                "multipart/related; type=\"application/dicom\"", "application/dicom",
                new ByteArrayInputStream(body), (i, t, in) -> in.readAllBytes()));
    }

    private static byte[] body(byte[] a, byte[] b, boolean close) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {a, b}) {
            out.write("--XyZ\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (close) {
            out.write("--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
