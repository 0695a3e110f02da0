package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterImageReaderTest {
    @TempDir
    Path dir;

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!ImageIO.write(image, format, p.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return p;
    }

    private static BufferedImage grey16(int w, int h, int... values) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, w, h, 0, values);
        return image;
    }

    @Test
    void sixteenBitPngKeepsEveryStoredValueAndOpensOnItsFullRange() throws Exception {
        int[] values = {0, 1000, 40000, 65535, 12345, 7};
        GreyscaleImage image = assertInstanceOf(GreyscaleImage.class,
                RasterImageReader.read(write(grey16(3, 2, values), "png", "a.png")));
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], image.storedValue(i % 3, i / 3));
            assertEquals(values[i], image.modalityValue(i % 3, i / 3), "modality values are the stored values");
        }
        assertEquals(0, image.minModalityValue());
        assertEquals(65535, image.maxModalityValue());
        assertEquals(image.fullRangeWindow(), image.defaultWindow());
        assertEquals("", image.modalityUnit());
        assertEquals(null, image.pixelSpacingMm());
    }

    @Test
    void sixteenBitTiffReadsLikePng() throws Exception {
        int[] values = {3, 60000, 512, 4095};
        GreyscaleImage image = assertInstanceOf(GreyscaleImage.class,
                RasterImageReader.read(write(grey16(2, 2, values), "tif", "a.tif")));
        assertEquals(60000, image.storedValue(1, 0));
        assertEquals(4095, image.storedValue(1, 1));
    }

    @Test
    void rgbWhoseChannelsAreEqualIsGreyscale() throws Exception {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x101010);
        rgb.setRGB(1, 0, 0xC8C8C8);
        GreyscaleImage image = assertInstanceOf(GreyscaleImage.class,
                RasterImageReader.read(write(rgb, "png", "grey-rgb.png")));
        assertEquals(0x10, image.storedValue(0, 0));
        assertEquals(0xC8, image.storedValue(1, 0));
    }

    @Test
    void trueColourStaysColour() throws Exception {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF0000);
        rgb.setRGB(1, 0, 0x123456);
        ColorImage image = assertInstanceOf(ColorImage.class, RasterImageReader.read(write(rgb, "png", "c.png")));
        assertEquals(0xFFFF0000, image.argb(0, 0));
        assertEquals(0xFF123456, image.argb(1, 0));
        ModalityImage m = image.modalityImage();
        assertEquals(3, m.channels());
        assertEquals(0x12, m.values()[3]);
    }

    @Test
    void eightBitGreyJpegIsGreyscale() throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = grey.getRaster();
        int[] flat = new int[256];
        Arrays.fill(flat, 100);
        r.setSamples(0, 0, 16, 16, 0, flat);
        GreyscaleImage image = assertInstanceOf(GreyscaleImage.class,
                RasterImageReader.read(write(grey, "jpg", "g.jpg")));
        assertEquals(100, image.storedValue(8, 8), 1);
    }

    @Test
    void corruptOrUnknownFilesAreTypedErrors() throws Exception {
        byte[] png = Files.readAllBytes(write(grey16(64, 64, new int[64 * 64]), "png", "ok.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, 60));
        assertThrows(UnreadableImageException.class, () -> RasterImageReader.read(cut));
        Path text = dir.resolve("text.png");
        Files.writeString(text, "not an image");
        assertThrows(UnreadableImageException.class, () -> RasterImageReader.read(text));
        assertThrows(UnreadableImageException.class, () -> RasterImageReader.read(dir.resolve("missing.png")));
    }

    @Test
    void realChestRadiographsOpen() throws Exception {
        GreyscaleImage nih = assertInstanceOf(GreyscaleImage.class,
                RasterImageReader.read(SharedData.file("cxr/png/nih/00000001_000.png")));
        assertEquals(512, nih.width());
        assertEquals(512, nih.height());
        assertTrue(nih.maxModalityValue() <= 255);
        DisplayableImage hannover = RasterImageReader.read(SharedData.file("cxr/png/hannover/006f3a8a.png"));
        assertEquals(640, hannover.width());
        assertEquals(599, hannover.height());
        // A JPEG shipped as RGB whose channels are all equal reads as grey.
        DisplayableImage jpeg = RasterImageReader.read(SharedData.file("cxr/img/ieee8023/12941_2020_358_Fig1_HTML.jpg"));
        assertInstanceOf(GreyscaleImage.class, jpeg);
        assertEquals(898, jpeg.width());
    }
}
