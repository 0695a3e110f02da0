package org.raylens.viewer.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.MemoryByteSource;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;

/**
 * Encapsulated pixel data damaged the way real writers damage it still decodes, as GDCM decodes it: each case
 * rewrites the item stream of a real JPEG 2000 file (pydicom's JPEG2000.dcm, 1024 × 256, one fragment) and the
 * decode must equal the untouched file's, value for value.
 */
class TolerantEncapsulationTest {
    private static final String SEED = "pydicom/JPEG2000.dcm";
    private static final byte[] SEQUENCE_DELIMITER = {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
    private static final byte[] ITEM_DELIMITER = {(byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0};

    /** The seed cut at its Pixel Data items: everything before, and the one codestream. */
    private record Parts(byte[] head, byte[] codestream) {}

    static Stream<Arguments> damagedStreams() {
        return Stream.of(
                Arguments.of("fragment length one too long: it swallows the delimiter's first byte (GDCM's"
                        + " GENESIS_SIGNA case)", (Damage) p -> cat(item(new byte[0]), item(p.codestream(),
                        p.codestream().length + 1), SEQUENCE_DELIMITER)),
                Arguments.of("sequence delimiter between two fragments of the frame", (Damage) p -> cat(
                        item(new byte[0]), item(slice(p, 0, 100)), SEQUENCE_DELIMITER,
                        item(slice(p, 100, p.codestream().length)), SEQUENCE_DELIMITER)),
                Arguments.of("item delimiter between two fragments of the frame", (Damage) p -> cat(
                        item(new byte[0]), item(slice(p, 0, 100)), ITEM_DELIMITER,
                        item(slice(p, 100, p.codestream().length)), SEQUENCE_DELIMITER)),
                Arguments.of("odd garbage after the codestream's EOC", (Damage) p -> cat(item(new byte[0]),
                        item(cat(p.codestream(), new byte[] {0x00, 0x17, 0x42})), SEQUENCE_DELIMITER)),
                Arguments.of("odd-length fragment: the next item tag starts one byte early (GDCM's LEICA case)",
                        (Damage) p -> {
                            byte[] first = slice(p, 0, 101);
                            byte[] second = slice(p, 101, p.codestream().length);
                            // The writer declared 102 bytes for 101 and wrote the next item right after them.
                            return cat(item(new byte[0]), item(first, 102), item(second), SEQUENCE_DELIMITER);
                        }),
                Arguments.of("garbage before the SOC marker of the frame", (Damage) p -> cat(item(new byte[0]),
                        item(cat(new byte[] {0, 0, 0, 0, 0x12, 0x34}, p.codestream())), SEQUENCE_DELIMITER)));
    }

    @FunctionalInterface
    interface Damage {
        byte[] items(Parts parts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedStreams")
    void damagedEncapsulationDecodesAsTheUntouchedFile(String what, Damage damage) throws Exception {
        Path seed = ConformanceData.folder().resolve(SEED);
        assumeTrue(Files.isRegularFile(seed), "../shared conformance data is not available");
        byte[] original = Files.readAllBytes(seed);
        Parts parts = split(original);
        byte[] damaged = cat(parts.head(), damage.items(parts));
        int[] expected = decode(original);
        assertEquals(1024 * 256, expected.length);
        assertArrayEquals(expected, decode(damaged), what);
    }

    private static int[] decode(byte[] bytes) throws Exception {
        try (DicomFile file = DicomReader.read(new MemoryByteSource(bytes), Path.of("damaged.dcm"), false)) {
            return DicomPixels.open(file, PixelCodecRegistry.fromServiceLoader()).readFrame(0);
        }
    }

    /** Cuts the seed after the Pixel Data element header; its items are an empty BOT and one fragment. */
    private static Parts split(byte[] b) {
        for (int p = b.length - 12; p > 0; p--) {
            if (b[p] == (byte) 0xE0 && b[p + 1] == 0x7F && b[p + 2] == 0x10 && b[p + 3] == 0) {
                int items = p + 12;
                int fragment = items + 8;
                int length = (b[fragment + 4] & 0xFF) | (b[fragment + 5] & 0xFF) << 8;
                return new Parts(Arrays.copyOf(b, items), Arrays.copyOfRange(b, fragment + 8, fragment + 8 + length));
            }
        }
        throw new IllegalStateException("no Pixel Data in the seed");
    }

    private static byte[] slice(Parts p, int from, int to) {
        return Arrays.copyOfRange(p.codestream(), from, to);
    }

    private static byte[] item(byte[] value) {
        return item(value, value.length);
    }

    private static byte[] item(byte[] value, int declaredLength) {
        byte[] header = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) declaredLength,
            (byte) (declaredLength >>> 8), (byte) (declaredLength >>> 16), (byte) (declaredLength >>> 24)};
        return cat(header, value);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }
}
