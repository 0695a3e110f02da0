package org.raylens.viewer.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decodes and encodes text values under (0008,0005) Specific Character Set. This first version covers the default
 * repertoire, ISO_IR 100 and ISO_IR 192; ISO 2022 code extensions are handled by the full implementation.
 */
public class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.US_ASCII, "");
    public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(StandardCharsets.UTF_8, "ISO_IR 192");

    private final Charset charset;
    private final String term;

    protected SpecificCharacterSet(Charset charset, String term) {
        this.charset = charset;
        this.term = term;
    }

    /** The character set for the values of (0008,0005); unknown terms fall back to ISO-8859-1 so text still shows. */
    public static SpecificCharacterSet of(String... terms) {
        if (terms.length == 0 || terms[0] == null || terms[0].isBlank()) {
            return DEFAULT;
        }
        return switch (terms[0].strip()) {
            case "ISO_IR 192" -> UTF_8;
            case "ISO_IR 100" -> new SpecificCharacterSet(StandardCharsets.ISO_8859_1, "ISO_IR 100");
            default -> new SpecificCharacterSet(StandardCharsets.ISO_8859_1, terms[0].strip());
        };
    }

    /** The defined term this set is written as, empty for the default repertoire. */
    public String term() {
        return term;
    }

    public String decode(byte[] bytes, VR vr) {
        Charset cs = charset == StandardCharsets.US_ASCII ? StandardCharsets.ISO_8859_1 : charset;
        return new String(bytes, cs);
    }

    public byte[] encode(String text) {
        return text.getBytes(charset);
    }
}
