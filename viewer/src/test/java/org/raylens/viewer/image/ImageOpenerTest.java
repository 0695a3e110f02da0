package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.MalformedDicomException;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TruncatedDicomException;
import org.raylens.viewer.dicom.UnsupportedTransferSyntaxException;

class ImageOpenerTest {
    @TempDir
    Path dir;

    private final ImageOpener opener = new ImageOpener();

    @Test
    void theFormatIsDecidedByContentNotByExtension() throws Exception {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        Path pngNamedDcm = dir.resolve("image.dcm");
        ImageIO.write(grey, "png", pngNamedDcm.toFile());
        try (OpenedImage opened = opener.open(pngNamedDcm)) {
            assertEquals("PNG", opened.source().format());
            assertEquals(1, opened.frameCount());
            assertEquals(4, opened.frame(0).width());
            assertEquals(12, opened.modalityImage(0).values().length);
        }
        Path dicomNamedPng = dir.resolve("image.png");
        Files.copy(SharedData.file("dicom-conformance/pydicom/CT_small.dcm"), dicomNamedPng);
        try (OpenedImage opened = opener.open(dicomNamedPng)) {
            assertEquals("DICOM", opened.source().format());
            assertEquals(128, opened.frame(0).width());
            assertEquals("1.2.840.10008.1.2.1", opened.source().transferSyntaxUid());
        }
    }

    @Test
    void multiFrameFilesDecodeEachFrameOnRequest() throws Exception {
        try (OpenedImage opened = opener.open(SharedData.file("dicom-conformance/pydicom-data/emri_small.dcm"))) {
            assertEquals(10, opened.frameCount());
            DisplayableImage first = opened.frame(0);
            DisplayableImage last = opened.frame(9);
            assertEquals(64, last.width());
            assertTrue(first != last);
            ModalityImage m = opened.modalityImage(9);
            assertEquals(64 * 64, m.values().length);
        }
    }

    @Test
    void unknownContentIsATypedError() throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertThrows(DicomException.class, () -> opener.open(junk));
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        assertThrows(DicomException.class, () -> opener.open(empty));
    }

    @Test
    void aRasterExtensionOnAnEmptyTextOrBinaryFileNamesWhatWasExpectedAndWhatWasFound() throws Exception {
        Path emptyPng = Files.write(dir.resolve("x.png"), new byte[0]);
        UnreadableImageException empty = assertThrows(UnreadableImageException.class, () -> opener.open(emptyPng));
        assertEquals("expected a PNG image (by its extension) but the file is empty", empty.reason());
        assertTrue(empty.getMessage().startsWith(emptyPng.toString()), empty.getMessage());

        Path textJpg = Files.writeString(dir.resolve("scan.JPG"), "<html>404 Not Found</html>\n");
        UnreadableImageException text = assertThrows(UnreadableImageException.class, () -> opener.open(textJpg));
        assertTrue(text.reason().startsWith("expected a JPEG image (by its extension) but the file starts with text"
                + " (\"<html>404 Not Found</h"), text.reason());

        Path binaryTif = Files.write(dir.resolve("x.tif"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        UnreadableImageException binary = assertThrows(UnreadableImageException.class, () -> opener.open(binaryTif));
        assertTrue(binary.reason().startsWith("expected a TIFF image (by its extension) but the file starts with the"
                + " bytes 01 02 03 04 05 06 07 08"), binary.reason());
        assertTrue(binary.getCause() instanceof DicomException, "the DICOM attempt is kept as the cause");
    }

    @Test
    void brokenConformanceFilesRaiseTheirTypedErrors() throws Exception {
        assertThrows(TruncatedDicomException.class,
                () -> opener.open(SharedData.file("dicom-conformance/pydicom/MR_truncated.dcm")));
        assertThrows(MalformedDicomException.class,
                () -> opener.open(SharedData.file("dicom-conformance/pydicom/no_meta.dcm")));
        PixelDataException badVr = assertThrows(PixelDataException.class,
                () -> opener.open(SharedData.file("dicom-conformance/pydicom/badVR.dcm")));
        assertTrue(badVr.getMessage().contains("badVR.dcm"), badVr.getMessage());
    }

    static Stream<ConformanceData.Row> allRows() {
        return ConformanceData.manifest().stream().filter(r -> !r.path().endsWith("DICOMDIR"));
    }

    /** Every conformance file either opens and decodes its first frame, or fails with a typed DicomException. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allRows")
    void everyConformanceFileOpensOrFailsTyped(ConformanceData.Row row) {
        Path path = ConformanceData.folder().resolve(row.path());
        try (OpenedImage opened = opener.open(path)) {
            DisplayableImage image = opened.frame(0);
            int[] dst = new int[64 * 64];
            image.render(image.defaultWindow(), false, ViewTransform.zoomPan(0.1, 0, 0), dst, 64, 64, 0);
        } catch (DicomException typed) {
            // A missing codec, no pixel data or a broken file: reported in a form the app can show.
        } catch (Exception | Error e) {
            fail(row.path() + " raised an untyped " + e, e);
        }
    }

    @Test
    void theCodecRegistryIsConsultedForEncapsulatedFiles() throws Exception {
        ImageOpener noCodecs = new ImageOpener(org.raylens.viewer.dicom.codec.PixelCodecRegistry.of(
                java.util.List.of()));
        UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class,
                () -> noCodecs.open(SharedData.file("dicom-conformance/pydicom/MR_small_RLE.dcm")));
        assertEquals("1.2.840.10008.1.2.5", e.transferSyntaxUid());
        assertInstanceOf(DicomException.class, e);
    }
}
