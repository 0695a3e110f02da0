package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Byte sequences written by hand from the examples of PS3.5 Annexes H, I and J and PS3.3 C.12.1.1.2. */
class SpecificCharacterSetTest {
    private static final int ESC = 0x1B;

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    @Test
    void defaultLatin1AndUtf8() {
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of());
        assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(""));
        assertEquals("Buc^Jérôme", SpecificCharacterSet.of("ISO_IR 100")
                .decode(bytes("Buc^J", 0xE9, "r", 0xF4, "me"), VR.PN));
        assertEquals("Wang^XiaoDong=王^小東", SpecificCharacterSet.of("ISO_IR 192").decode(bytes("Wang^XiaoDong=",
                0xE7, 0x8E, 0x8B, "^", 0xE5, 0xB0, 0x8F, 0xE6, 0x9D, 0xB1), VR.PN));
        assertEquals("Διονυσιος", SpecificCharacterSet.of("ISO_IR 126")
                .decode(bytes(0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2), VR.PN));
        assertFalse(SpecificCharacterSet.of("ISO_IR 100").usesCodeExtensions());
    }

    /** PS3.5 H.3.1: "\ISO 2022 IR 87", JIS X 0208 by escape in each component. */
    @Test
    void japaneseKanjiAndHiraganaWithEscapes() {
        byte[] value = bytes("Yamada^Tarou=",
                ESC, "$B", 0x3B, 0x33, 0x45, 0x44, ESC, "(B", "^", ESC, "$B", 0x42, 0x40, 0x4F, 0x3A, ESC, "(B", "=",
                ESC, "$B", 0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, ESC, "(B", "^",
                ESC, "$B", 0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, ESC, "(B");
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertTrue(cs.usesCodeExtensions());
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", cs.decode(value, VR.PN));
    }

    /** PS3.5 H.3.2: "ISO 2022 IR 13\ISO 2022 IR 87", half-width katakana in G1 then kanji in G0. */
    @Test
    void japaneseKatakanaThenKanji() {
        byte[] value = bytes(0xD4, 0xCF, 0xC0, 0xDE, "^", 0xC0, 0xDB, 0xB3, "=",
                ESC, "$B", 0x3B, 0x33, 0x45, 0x44, ESC, "(J", "^", ESC, "$B", 0x42, 0x40, 0x4F, 0x3A, ESC, "(J", "=",
                ESC, "$B", 0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, ESC, "(J", "^",
                ESC, "$B", 0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, ESC, "(J");
        String decoded = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87").decode(value, VR.PN);
        assertEquals("\uFF94\uFF8F\uFF80\uFF9E^\uFF80\uFF9B\uFF73=山田^太郎=やまだ^たろう", decoded);
    }

    /** PS3.5 I.2: "\ISO 2022 IR 149", KS X 1001 in G1 designated per component. */
    @Test
    void koreanHangulAndHanja() {
        byte[] value = bytes("Hong^Gildong=",
                ESC, "$)C", 0xFB, 0xF3, "^", ESC, "$)C", 0xD1, 0xCE, 0xD4, 0xD7, "=",
                ESC, "$)C", 0xC8, 0xAB, "^", ESC, "$)C", 0xB1, 0xE6, 0xB5, 0xBF);
        assertEquals("Hong^Gildong=洪^吉洞=홍^길동",
                SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(value, VR.PN));
    }

    /** PS3.5 J.3: "\ISO 2022 GB2312": GB 2312 in G1. */
    @Test
    void chineseGb2312() {
        byte[] value = bytes("Zhang^XiaoDong=", ESC, "$)A", 0xD5, 0xC5, "^", ESC, "$)A", 0xD0, 0xA1, 0xB6, 0xAB, "=");
        assertEquals("Zhang^XiaoDong=张^小东=",
                SpecificCharacterSet.of("", "ISO 2022 GB2312").decode(value, VR.PN));
    }

    @Test
    void delimitersReturnToTheInitialSet() {
        // After '^' the G1 designation of KS X 1001 is gone: the same bytes no longer read as Hangul (this is why
        // PS3.5 I.2 repeats the escape in every component).
        byte[] value = bytes(ESC, "$)C", 0xC8, 0xAB, "^", 0xC8, 0xAB);
        assertEquals("홍^È«", SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(value, VR.PN));
        // A two-byte G0 set swallows '^' as half a character: writers escape back to ASCII first (H.3.1).
        byte[] kanji = bytes(ESC, "$B", 0x3B, 0x33, ESC, "(B", "^Tarou");
        assertEquals("山^Tarou", SpecificCharacterSet.of("", "ISO 2022 IR 87").decode(kanji, VR.PN));
        // For LO the value separator resets, '^' does not.
        byte[] lo = bytes(ESC, "-L", 0xBB, "\\", 0xBB);
        assertEquals("Л\\»", SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144").decode(lo, VR.LO));
    }

    @Test
    void datasetTextUsesItsCharacterSet() {
        DicomObject ds = new DicomObject();
        ds.put(DicomElement.ofValue(Tag.SpecificCharacterSet, VR.CS, bytes("\\ISO 2022 IR 149"), 0));
        ds.setCharacterSet(SpecificCharacterSet.of(ds.getStrings(Tag.SpecificCharacterSet)));
        ds.put(DicomElement.ofValue(Tag.PatientName, VR.PN, bytes("Hong=", ESC, "$)C", 0xC8, 0xAB), 0));
        assertEquals("Hong=홍", ds.getString(Tag.PatientName));
    }
}
