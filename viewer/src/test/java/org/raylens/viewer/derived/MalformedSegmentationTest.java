package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TruncatedDicomException;

/**
 * Copies of dcmqi's label.seg altered byte by byte in a temporary folder (the shared original is only read): each
 * break of the Segmentation IOD is a typed error naming the tag, never a crash or a wrong picture.
 */
class MalformedSegmentationTest {

    @TempDir
    Path temp;

    private final SegmentationReader reader = new SegmentationReader();

    @Test
    void noSegmentSequence() throws Exception {
        // (0062,0002) SQ renamed (0062,1002): the sequence is still parsed, but under a tag nobody reads
        Path bad = altered(bytes(0x62, 0, 0x02, 0, 'S', 'Q'), bytes(0x62, 0, 0x02, 0x10, 'S', 'Q'));
        DerivedObjectException e = assertThrows(DerivedObjectException.class, () -> reader.read(bad));
        assertEquals(DerivedTags.SegmentSequence, e.tag());
        assertTrue(e.getMessage().contains("Segment Sequence is missing"), e.getMessage());
    }

    @Test
    void frameCountDisagreesWithTheFunctionalGroups() throws Exception {
        // Number of Frames "3 " → "2 ": three per-frame items for two frames
        Path bad = altered(bytes(0x28, 0, 0x08, 0, 'I', 'S', 2, 0, '3', ' '),
                bytes(0x28, 0, 0x08, 0, 'I', 'S', 2, 0, '2', ' '));
        DerivedObjectException e = assertThrows(DerivedObjectException.class, () -> reader.read(bad));
        assertEquals(DerivedTags.PerFrameFunctionalGroupsSequence, e.tag());
        assertTrue(e.getMessage().contains("Number of Frames is 2"), e.getMessage());
    }

    @Test
    void binarySegmentationWithEightBitsAllocated() throws Exception {
        Path bad = altered(bytes(0x28, 0, 0x00, 0x01, 'U', 'S', 2, 0, 1, 0),
                bytes(0x28, 0, 0x00, 0x01, 'U', 'S', 2, 0, 8, 0));
        DerivedObjectException e = assertThrows(DerivedObjectException.class, () -> reader.read(bad));
        assertEquals(Tag.BitsAllocated, e.tag());
        assertTrue(e.getMessage().contains("must have Bits Allocated 1, has 8"), e.getMessage());
    }

    @Test
    void frameNamingASegmentThatDoesNotExist() throws Exception {
        Path bad = alteredFirst(bytes(0x62, 0, 0x0B, 0, 'U', 'S', 2, 0, 1, 0),
                bytes(0x62, 0, 0x0B, 0, 'U', 'S', 2, 0, 7, 0));
        DerivedObjectException e = assertThrows(DerivedObjectException.class, () -> reader.read(bad));
        assertEquals(DerivedTags.ReferencedSegmentNumber, e.tag());
        assertTrue(e.getMessage().contains("frame 1 names segment 7"), e.getMessage());
    }

    @Test
    void unknownSegmentationType() throws Exception {
        Path bad = altered("BINARY".getBytes(), "LABELS".getBytes());
        DerivedObjectException e = assertThrows(DerivedObjectException.class, () -> reader.read(bad));
        assertEquals(DerivedTags.SegmentationType, e.tag());
    }

    @Test
    void truncatedPixelData() throws Exception {
        byte[] original = Files.readAllBytes(DerivedData.seg24().resolve("seg/label.seg"));
        Path bad = temp.resolve("cut.seg");
        Files.write(bad, Arrays.copyOf(original, original.length - 200));
        DicomException e = assertThrows(DicomException.class, () -> reader.read(bad));
        assertTrue(e instanceof TruncatedDicomException || e.tag() == Tag.PixelData, e.toString());
    }

    @Test
    void anImageIsNotASegmentation() {
        DerivedObjectException e = assertThrows(DerivedObjectException.class,
                () -> reader.read(DerivedData.seg24().resolve("image/IMG0001.dcm")));
        assertEquals(Tag.SOPClassUID, e.tag());
    }

    private Path altered(byte[] from, byte[] to) throws IOException {
        return alter(from, to, true);
    }

    private Path alteredFirst(byte[] from, byte[] to) throws IOException {
        return alter(from, to, false);
    }

    /** A copy of label.seg in the temporary folder with {@code from} replaced by {@code to} (once). */
    private Path alter(byte[] from, byte[] to, boolean mustBeUnique) throws IOException {
        byte[] data = Files.readAllBytes(DerivedData.seg24().resolve("seg/label.seg"));
        int at = indexOf(data, from, 0);
        assertTrue(at >= 0, "pattern not in label.seg");
        if (mustBeUnique) {
            assertEquals(-1, indexOf(data, from, at + 1), "pattern occurs twice in label.seg");
        }
        System.arraycopy(to, 0, data, at, to.length);
        Path out = temp.resolve("altered.seg");
        Files.write(out, data);
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
