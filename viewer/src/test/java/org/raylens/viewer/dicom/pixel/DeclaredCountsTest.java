package org.raylens.viewer.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.MemoryByteSource;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.StructureMutator;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.codec.PixelDescription;
import org.raylens.viewer.dicom.codec.RleCodec;

/**
 * Counts a file declares (Number of Frames, Rows, Columns) are held against what the file can hold before anything
 * is sized from them: a huge count fails at once with a typed error naming the tag, on the native and the
 * encapsulated path alike, instead of an OutOfMemoryError after seconds of allocation.
 */
class DeclaredCountsTest {
    private static final Duration IMMEDIATE = Duration.ofSeconds(2);

    private static byte[] conformance(String name) throws Exception {
        Path file = ConformanceData.folder().resolve(name);
        assumeTrue(Files.isRegularFile(file), "../shared conformance data is not available: " + file);
        return Files.readAllBytes(file);
    }

    private static DicomException openFails(byte[] bytes) {
        return assertThrows(DicomException.class, () -> {
            try (DicomFile file = DicomReader.read(new MemoryByteSource(bytes), Path.of("huge.dcm"), false)) {
                DicomPixels.open(file, PixelCodecRegistry.fromServiceLoader()).readFrame(0);
            }
        });
    }

    @Test
    void aBillionFramesInAJpeg2000FileFailAtOnceNamingNumberOfFrames() throws Exception {
        byte[] bytes = StructureMutator.withNumberOfFrames(conformance("pydicom/JPEG2000.dcm"), "1000000000");
        DicomException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(IMMEDIATE,
                () -> openFails(bytes));
        assertTrue(e instanceof PixelDataException, e.toString());
        assertEquals(Tag.NumberOfFrames, e.tag());
        assertEquals(Path.of("huge.dcm"), e.file());
        assertTrue(e.offset() > 0, "the offset of Number of Frames is named: " + e.offset());
        assertTrue(e.getMessage().contains("1000000000") && e.getMessage().contains("fragment"), e.getMessage());
    }

    @Test
    void moreFramesThanFragmentsFailForEveryCountAboveTheFragmentCount() throws Exception {
        // JPEG2000.dcm holds one fragment: two frames cannot fit either, whatever table is tried.
        for (String count : new String[] {"2", "65536", "2147483647"}) {
            DicomException e = openFails(
                    StructureMutator.withNumberOfFrames(conformance("pydicom/JPEG2000.dcm"), count));
            assertEquals(Tag.NumberOfFrames, e.tag(), count + ": " + e);
        }
    }

    @Test
    void aBillionFramesInAnUncompressedFileFailAtOnceNamingTheShortfall() throws Exception {
        byte[] bytes = StructureMutator.withNumberOfFrames(conformance("pydicom/CT_small.dcm"), "1000000000");
        DicomException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(IMMEDIATE,
                () -> openFails(bytes));
        assertTrue(e instanceof PixelDataException, e.toString());
        assertTrue(e.getMessage().contains("1000000000 frame"), e.getMessage());
    }

    @Test
    void aFrameLargerThanTheHeapAllowsIsRefusedBeforeDecoding() throws Exception {
        // 65535 × 30000 samples: 7.3 GB of int, far past half the test JVM's heap; the JPEG 2000 codestream is
        // 250 bytes, so nothing in the file bounds the declared size.
        byte[] bytes = StructureMutator.withUnsignedShort(StructureMutator.withUnsignedShort(
                conformance("pydicom/JPEG2000.dcm"), Tag.Rows, 65535), Tag.Columns, 30000);
        DicomException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(IMMEDIATE,
                () -> openFails(bytes));
        assertTrue(e instanceof PixelDataException, e.toString());
        assertEquals(Tag.Rows, e.tag());
        assertTrue(e.getMessage().contains("MB"), e.getMessage());
    }

    @Test
    void anRleFrameTooShortForItsDeclaredSizeFailsBeforeTheOutputIsAllocated() {
        // 64-byte header + one 2-byte segment: at most 128 decoded bytes, against 1.97e9 declared pixels.
        byte[] frame = new byte[66];
        frame[0] = 1;
        frame[4] = 64;
        frame[64] = (byte) -127;
        PixelDescription huge = new PixelDescription(65535, 30000, 1, 1, 8, 8, 7, false, "MONOCHROME2", 0);
        PixelDataException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(IMMEDIATE,
                () -> assertThrows(PixelDataException.class, () -> new RleCodec().decode(frame, huge,
                        org.raylens.viewer.dicom.TransferSyntax.RLE_LOSSLESS)));
        assertTrue(e.getMessage().contains("too few"), e.getMessage());
    }
}
