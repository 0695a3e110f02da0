package org.raylens.viewer.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes and encodes text values under (0008,0005) Specific Character Set (PS3.3 C.12.1.1.2, PS3.5 §6.1).
 *
 * <p>Single-byte sets without code extensions (ISO_IR 100 …), UTF-8 (ISO_IR 192), GB18030 and GBK decode with their
 * Java charset. The "ISO 2022 IR nnn" terms enable code extensions: escape sequences switch the G0 (bytes 21–7E)
 * or G1 (bytes A1–FE) set mid-value, and — as PS3.5 §6.1.2.5.3 requires — the sets return to their initial state at
 * every delimiter: for person names each component ('^') and component group ('='), for other text CR, LF, FF,
 * TAB and the value separator '\'. Japanese JIS X 0208/0212 (G0, two bytes) decode through EUC-JP, Korean
 * KS X 1001 and Chinese GB 2312 (G1, two bytes) through EUC-KR and GB2312. Unknown terms fall back to ISO-8859-1 so
 * text still shows.
 *
 * <p>Instances are immutable.
 */
public class SpecificCharacterSet {
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(StandardCharsets.US_ASCII, "");
    public static final SpecificCharacterSet UTF_8 = new SpecificCharacterSet(StandardCharsets.UTF_8, "ISO_IR 192");

    private static final byte ESC = 0x1B;

    /** A graphic character set that escape sequences designate, with how its bytes decode. */
    private enum CodeElement {
        ASCII(null, false, "ISO_IR 6", "ISO 2022 IR 6"),
        LATIN1("ISO-8859-1", false, "ISO_IR 100", "ISO 2022 IR 100"),
        LATIN2("ISO-8859-2", false, "ISO_IR 101", "ISO 2022 IR 101"),
        LATIN3("ISO-8859-3", false, "ISO_IR 109", "ISO 2022 IR 109"),
        LATIN4("ISO-8859-4", false, "ISO_IR 110", "ISO 2022 IR 110"),
        CYRILLIC("ISO-8859-5", false, "ISO_IR 144", "ISO 2022 IR 144"),
        ARABIC("ISO-8859-6", false, "ISO_IR 127", "ISO 2022 IR 127"),
        GREEK("ISO-8859-7", false, "ISO_IR 126", "ISO 2022 IR 126"),
        HEBREW("ISO-8859-8", false, "ISO_IR 138", "ISO 2022 IR 138"),
        LATIN5("ISO-8859-9", false, "ISO_IR 148", "ISO 2022 IR 148"),
        LATIN9("ISO-8859-15", false, "ISO_IR 203", "ISO 2022 IR 203"),
        THAI("TIS-620", false, "ISO_IR 166", "ISO 2022 IR 166"),
        /** JIS X 0201 katakana in G1 (bytes A1–DF). */
        KATAKANA("JIS_X0201", false, "ISO_IR 13", "ISO 2022 IR 13"),
        /** JIS X 0201 romaji in G0: ASCII except 5C = yen sign and 7E = overline. */
        ROMAJI("JIS_X0201", false),
        /** JIS X 0208 kanji and kana, two GL bytes per character. */
        JIS_X0208("EUC-JP", true, "ISO 2022 IR 87"),
        /** JIS X 0212 supplementary kanji, two GL bytes per character. */
        JIS_X0212("EUC-JP", true, "ISO 2022 IR 159"),
        /** KS X 1001 Hangul and Hanja, two GR bytes per character. */
        KS_X1001("EUC-KR", true, "ISO 2022 IR 149"),
        /** GB 2312 simplified Chinese, two GR bytes per character. */
        GB2312("GB2312", true, "ISO 2022 GB2312", "ISO 2022 IR 58");

        final String charsetName;
        final boolean twoBytes;
        final List<String> terms;

        CodeElement(String charsetName, boolean twoBytes, String... terms) {
            this.charsetName = charsetName;
            this.twoBytes = twoBytes;
            this.terms = List.of(terms);
        }

        Charset charset() {
            return charsetName == null ? StandardCharsets.ISO_8859_1 : Charset.forName(charsetName);
        }

        boolean available() {
            return charsetName == null || Charset.isSupported(charsetName);
        }

        static CodeElement forTerm(String term) {
            for (CodeElement c : values()) {
                if (c.terms.contains(term)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** Escape sequences (the bytes after ESC) and what they designate, PS3.3 Tables C.12-3/-4. */
    private record Escape(byte[] bytes, CodeElement element, boolean g1) {}

    private static final List<Escape> ESCAPES = List.of(
            esc(CodeElement.ASCII, false, '(', 'B'),
            esc(CodeElement.ROMAJI, false, '(', 'J'),
            esc(CodeElement.KATAKANA, true, ')', 'I'),
            esc(CodeElement.LATIN1, true, '-', 'A'),
            esc(CodeElement.LATIN2, true, '-', 'B'),
            esc(CodeElement.LATIN3, true, '-', 'C'),
            esc(CodeElement.LATIN4, true, '-', 'D'),
            esc(CodeElement.CYRILLIC, true, '-', 'L'),
            esc(CodeElement.ARABIC, true, '-', 'G'),
            esc(CodeElement.GREEK, true, '-', 'F'),
            esc(CodeElement.HEBREW, true, '-', 'H'),
            esc(CodeElement.LATIN5, true, '-', 'M'),
            esc(CodeElement.LATIN9, true, '-', 'b'),
            esc(CodeElement.THAI, true, '-', 'T'),
            esc(CodeElement.JIS_X0208, false, '$', 'B'),
            esc(CodeElement.JIS_X0212, false, '$', '(', 'D'),
            esc(CodeElement.KS_X1001, true, '$', ')', 'C'),
            esc(CodeElement.GB2312, true, '$', ')', 'A'));

    private static Escape esc(CodeElement element, boolean g1, char... chars) {
        byte[] b = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            b[i] = (byte) chars[i];
        }
        return new Escape(b, element, g1);
    }

    private final Charset charset;
    private final String term;
    /** Non-null when code extensions are in use: the sets the value starts with and returns to at delimiters. */
    private final CodeElement initialG0;
    private final CodeElement initialG1;

    protected SpecificCharacterSet(Charset charset, String term) {
        this(charset, term, null, null);
    }

    private SpecificCharacterSet(Charset charset, String term, CodeElement initialG0, CodeElement initialG1) {
        this.charset = charset;
        this.term = term;
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
    }

    /** The character set for the values of (0008,0005); unknown terms fall back to ISO-8859-1 so text still shows. */
    public static SpecificCharacterSet of(String... terms) {
        if (terms.length == 0 || (terms.length == 1 && (terms[0] == null || terms[0].isBlank()))) {
            return DEFAULT;
        }
        String first = terms[0] == null ? "" : terms[0].strip();
        String joined = String.join("\\", Arrays.stream(terms).map(t -> t == null ? "" : t.strip()).toList());
        boolean extensions = terms.length > 1 || first.startsWith("ISO 2022");
        if (!extensions) {
            return switch (first) {
                case "ISO_IR 192" -> UTF_8;
                case "ISO_IR 6" -> DEFAULT;
                case "GB18030", "GBK" -> new SpecificCharacterSet(charsetOr(first), first);
                default -> {
                    CodeElement c = CodeElement.forTerm(first);
                    yield new SpecificCharacterSet(c == null || !c.available() || c == CodeElement.ASCII
                            ? StandardCharsets.ISO_8859_1 : c.charset(), first);
                }
            };
        }
        // With code extensions the first value names the initial set: empty or IR 6 means ASCII in G0 only.
        CodeElement initial = first.isEmpty() ? CodeElement.ASCII : CodeElement.forTerm(first);
        if (initial == null || !initial.available()) {
            initial = CodeElement.LATIN1;
        }
        CodeElement g0 = CodeElement.ASCII;
        CodeElement g1 = null;
        if (initial == CodeElement.KATAKANA) {
            g0 = CodeElement.ROMAJI; // ISO 2022 IR 13 designates JIS X 0201 in both halves
            g1 = CodeElement.KATAKANA;
        } else if (initial.twoBytes && !initial.charsetName.equals("EUC-JP")) {
            g1 = initial;
        } else if (initial != CodeElement.ASCII && !initial.twoBytes) {
            g1 = initial;
        }
        Charset encodeWith = g1 == null ? StandardCharsets.ISO_8859_1 : g1.charset();
        return new SpecificCharacterSet(encodeWith, joined, g0, g1);
    }

    private static Charset charsetOr(String name) {
        return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.ISO_8859_1;
    }

    /** The defined term(s) this set is written as ('\'-joined when several), empty for the default repertoire. */
    public String term() {
        return term;
    }

    /** True when the value may switch sets with ISO 2022 escape sequences. */
    public boolean usesCodeExtensions() {
        return initialG0 != null;
    }

    public String decode(byte[] bytes, VR vr) {
        if (initialG0 != null) {
            return decodeWithExtensions(bytes, vr);
        }
        Charset cs = charset == StandardCharsets.US_ASCII ? StandardCharsets.ISO_8859_1 : charset;
        return new String(bytes, cs);
    }

    /**
     * Encodes text for writing. Sets with code extensions encode in their initial G1 set only (RayLens writes
     * ISO_IR 192 for anything beyond it); characters that set cannot hold become '?'.
     */
    public byte[] encode(String text) {
        return text.getBytes(charset);
    }

    // ---- ISO 2022 ------------------------------------------------------------------------------------------

    private String decodeWithExtensions(byte[] b, VR vr) {
        StringBuilder out = new StringBuilder(b.length);
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        CodeElement runSet = null;
        CodeElement g0 = initialG0;
        CodeElement g1 = initialG1;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c == ESC) {
                Escape e = matchEscape(b, i + 1);
                if (e != null) {
                    flush(out, run, runSet);
                    runSet = null;
                    if (e.g1()) {
                        g1 = e.element();
                    } else {
                        g0 = e.element();
                    }
                    i += 1 + e.bytes().length;
                    continue;
                }
                // An unknown escape sequence: keep the byte visible rather than guess its length.
            }
            CodeElement set;
            int width = 1;
            if (c < 0x21 || c == 0x7F || (c < 0x80 && !g0.twoBytes && isDelimiter(c, vr))) {
                set = CodeElement.ASCII; // controls, space and delimiters are always in the default repertoire
            } else if (c < 0x80) {
                set = g0;
                width = g0.twoBytes ? 2 : 1;
            } else {
                set = g1 == null ? CodeElement.LATIN1 : g1;
                width = set.twoBytes ? 2 : 1;
            }
            if (set != runSet) {
                flush(out, run, runSet);
                runSet = set;
            }
            width = Math.min(width, b.length - i);
            for (int k = 0; k < width; k++) {
                int v = b[i + k] & 0xFF;
                if (set == CodeElement.JIS_X0212 && k == 0) {
                    run.write(0x8F); // EUC-JP reaches JIS X 0212 through single shift 3
                }
                run.write(set == CodeElement.JIS_X0208 || set == CodeElement.JIS_X0212 ? v | 0x80 : v);
            }
            i += width;
            if (width == 1 && c < 0x80 && isDelimiter(c, vr)) {
                flush(out, run, runSet);
                runSet = null;
                g0 = initialG0;
                g1 = initialG1;
            }
        }
        flush(out, run, runSet);
        return out.toString();
    }

    private static Escape matchEscape(byte[] b, int at) {
        for (Escape e : ESCAPES) {
            byte[] seq = e.bytes();
            if (at + seq.length <= b.length && Arrays.equals(b, at, at + seq.length, seq, 0, seq.length)) {
                return e.element().available() ? e : null;
            }
        }
        return null;
    }

    /** Delimiters at which code extensions return to the initial sets (PS3.5 §6.1.2.5.3). */
    private static boolean isDelimiter(int c, VR vr) {
        if (c == 0x0D || c == 0x0A || c == 0x09 || c == 0x0C || c == '\\') {
            return true;
        }
        return vr == VR.PN && (c == '^' || c == '=');
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream run, CodeElement set) {
        if (run.size() == 0) {
            return;
        }
        out.append(new String(run.toByteArray(), set == null ? StandardCharsets.ISO_8859_1 : set.charset()));
        run.reset();
    }
}
