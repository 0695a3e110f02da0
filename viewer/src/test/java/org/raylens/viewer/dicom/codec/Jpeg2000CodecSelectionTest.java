package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which decoder {@code new Jpeg2000Codec()} picks: OpenJPEG when libopenjp2 loads, jai-imageio otherwise, and
 * jai-imageio whenever {@code -Draylens.openjpeg=false} (checked in a fresh JVM, as the choice is made once per JVM).
 */
class Jpeg2000CodecSelectionTest {

    @Test
    void defaultIsOpenJpegWhenTheLibraryLoads() {
        String name = new Jpeg2000Codec().decoderName();
        if ("false".equals(System.getProperty("raylens.openjpeg"))) {
            assertEquals("jai-imageio", name);
        } else if (Jpeg2000Codec.withOpenJpeg().isPresent()) {
            assertTrue(name.startsWith("OpenJPEG "), name);
        } else {
            assertEquals("jai-imageio", name, Jpeg2000Codec.openJpegStatus());
        }
    }

    @Test
    void thePropertyFalseSelectsJaiImageIo() throws Exception {
        assertEquals("jai-imageio", childDecoder("-Draylens.openjpeg=false"));
    }

    /** A machine without libopenjp2 (Windows, macOS): the codec falls back and still decodes. */
    @Test
    void aMissingLibraryFallsBackToJaiImageIo() throws Exception {
        String out = childDecoder("-D" + org.raylens.viewer.dicom.codec.openjpeg.OpenJpegDecoder.LIBRARY_PROPERTY
                + "=/nonexistent/libopenjp2.so.7");
        assertTrue(out.startsWith("jai-imageio|libopenjp2 not found"), out);
        assertTrue(out.endsWith("|decoded"), out);
    }

    private static String childDecoder(String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), property, "-cp", System.getProperty("java.class.path"),
                PrintDecoder.class.getName()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }

    /** A 1×1 8-bit lossless codestream holding 0x5A (made with opj_compress -n 1). */
    private static final byte[] ONE_PIXEL = java.util.HexFormat.of().parseHex(
            "ff4fff510029000000000001000000010000000000000000000000010000000100000000000000000001070101ff5200" +
            "0c00000001000004040001ff5c00044040ff640025000143726561746564206279204f70656e4a504547207665727369" +
            "6f6e20322e352e30ff90000a0000000000130001ff93c7d40406bfffd9");

    /**
     * For the child JVM: prints the default codec's decoder (alone, or with the OpenJPEG status and whether a small
     * lossless codestream decoded, when asked for a missing library).
     */
    public static final class PrintDecoder {
        public static void main(String[] args) throws Exception {
            Jpeg2000Codec codec = new Jpeg2000Codec();
            if (System.getProperty(org.raylens.viewer.dicom.codec.openjpeg.OpenJpegDecoder.LIBRARY_PROPERTY) == null) {
                System.out.println(codec.decoderName());
                return;
            }
            PixelDescription d = new PixelDescription(1, 1, 1, 1, 8, 8, 7, false, "MONOCHROME2", 0);
            int[] v = codec.decode(ONE_PIXEL, d, org.raylens.viewer.dicom.TransferSyntax.JPEG_2000_LOSSLESS);
            System.out.println(codec.decoderName() + "|" + Jpeg2000Codec.openJpegStatus() + "|"
                    + (v.length == 1 && v[0] == 0x5A ? "decoded" : "wrong " + java.util.Arrays.toString(v)));
        }
    }
}
