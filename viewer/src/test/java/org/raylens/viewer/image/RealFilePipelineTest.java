package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/** The display pipeline on real files whose LUTs and polarity are known (pydicom test data, a CR chest). */
class RealFilePipelineTest {
    private final ImageOpener opener = new ImageOpener();

    private static int[] render(DisplayableImage image, VoiWindow window) {
        int[] dst = new int[image.width() * image.height()];
        image.render(window, false, ViewTransform.zoomPan(1, 0, 0), dst, image.width(), image.height(), 0);
        return dst;
    }

    @Test
    void mlut18ModalityLutSequenceWithSignedFirstMappedValue() throws Exception {
        try (OpenedImage opened = opener.open(SharedData.file("dicom-conformance/pydicom-data/mlut_18.dcm"))) {
            GreyscaleImage image = (GreyscaleImage) opened.frame(0);
            // Descriptor SS 4096\-2048\16: the table maps stored −2048..2047; read it independently here.
            DicomObject item = opened.source().dataset().getSequence(Tag.ModalityLUTSequence).get(0);
            ByteBuffer lut = ByteBuffer.wrap(item.getBytes(Tag.LUTData)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(4096 * 2, lut.capacity());
            int checked = 0;
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int s = image.storedValue(x, y);
                    int index = Math.max(0, Math.min(4095, s + 2048));
                    assertEquals(lut.getShort(2 * index) & 0xFFFF, image.modalityValue(x, y), "stored " + s);
                    checked++;
                }
            }
            assertEquals(512 * 512, checked);
            assertEquals("", image.modalityUnit(), "Modality LUT Type US means unspecified");
            assertTrue(image.maxModalityValue() > image.minModalityValue());
        }
    }

    @Test
    void vlut04VoiLutSequenceMapsEachStoredValueToItsGrey() throws Exception {
        try (OpenedImage opened = opener.open(SharedData.file("dicom-conformance/pydicom-data/vlut_04.dcm"))) {
            GreyscaleImage image = (GreyscaleImage) opened.frame(0);
            VoiWindow lutPreset = image.presets().stream().filter(w -> w.name().startsWith("VOI LUT")).findFirst()
                    .orElseThrow();
            // 256 entries of 16 bits, entry v = 257·v: normalised v/255, so each grey equals its stored value.
            int[] dst = render(image, lutPreset);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    assertEquals(image.storedValue(x, y), dst[y * image.width() + x] & 0xFF);
                }
            }
        }
    }

    @Test
    void crMonochrome1ChestIsInvertedUnderItsOwnWindow() throws Exception {
        try (OpenedImage opened = opener.open(SharedData.file("cxr/dicom/CR-MONO1-10-chest.dcm"))) {
            GreyscaleImage image = (GreyscaleImage) opened.frame(0);
            assertEquals(new VoiWindow(550, 1024, VoiFunction.LINEAR, "Window 1"), image.defaultWindow());
            int[] dst = render(image, image.defaultWindow());
            for (int y = 0; y < image.height(); y += 7) {
                for (int x = 0; x < image.width(); x += 7) {
                    int s = image.storedValue(x, y);
                    int expected = 255 - VoiTransfer.toByte(VoiTransfer.linear(s, 550, 1024));
                    assertEquals(expected, dst[y * image.width() + x] & 0xFF, "stored " + s);
                }
            }
        }
    }

    @Test
    void uncompressedYbrFull422ShowsPydicomsColourBands() throws Exception {
        try (OpenedImage opened = opener.open(
                SharedData.file("dicom-conformance/pydicom/SC_ybr_full_422_uncompressed.dcm"))) {
            ColorImage image = (ColorImage) opened.frame(0);
            // pydicom's SC_rgb pattern: ten bands of ten rows (the YBR file came through lossy JPEG: ±5).
            List<int[]> bands = List.of(new int[] {255, 0, 0}, new int[] {255, 128, 128}, new int[] {0, 255, 0},
                    new int[] {128, 255, 128}, new int[] {0, 0, 255}, new int[] {128, 128, 255}, new int[] {0, 0, 0},
                    new int[] {64, 64, 64}, new int[] {192, 192, 192}, new int[] {255, 255, 255});
            for (int band = 0; band < 10; band++) {
                int p = image.argb(50, band * 10 + 5);
                int[] rgb = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
                for (int c = 0; c < 3; c++) {
                    assertEquals(bands.get(band)[c], rgb[c], 5, "band " + band + " channel " + c);
                }
            }
        }
    }
}
