package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.attributes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;
import org.raylens.viewer.dicom.pixel.SyntheticDicom;

/** The display pipeline on small synthetic DICOM images with hand-computed grey levels. */
class DicomImageFactoryTest {

    static DisplayableImage image(DicomObject ds, byte[] pixels) throws Exception {
        DicomPixels p = DicomPixels.open(SyntheticDicom.nativeFile(ds, pixels, TransferSyntax.EXPLICIT_VR_LE, 0,
                null), PixelCodecRegistry.of(List.of()));
        return DicomImageFactory.of(p, ds).frame(0);
    }

    /** Renders at 1:1 and returns the grey (blue channel) of each pixel. */
    static int[] greys(DisplayableImage image, VoiWindow window, boolean invert) {
        int w = image.width();
        int h = image.height();
        int[] dst = new int[w * h];
        image.render(window, invert, ViewTransform.zoomPan(1, 0, 0), dst, w, h, 0);
        int[] out = new int[dst.length];
        for (int i = 0; i < dst.length; i++) {
            assertEquals(0xFF, dst[i] >>> 24, "opaque");
            assertEquals(dst[i] & 0xFF, (dst[i] >> 8) & 0xFF, "grey");
            out[i] = dst[i] & 0xFF;
        }
        return out;
    }

    @Test
    void rescaleGivesModalityValuesAndTheCtUnit() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 16, 12, 11, false, "MONOCHROME2");
        ds.setDecimals(Tag.RescaleSlope, 2);
        ds.setDecimals(Tag.RescaleIntercept, -1024);
        ds.setString(Tag.Modality, VR.CS, "CT");
        DisplayableImage image = image(ds, SyntheticDicom.le16(0, 512, 4095));
        assertEquals(-1024, image.modalityValue(0, 0));
        assertEquals(0, image.modalityValue(1, 0));
        assertEquals(7166, image.modalityValue(2, 0));
        assertEquals("HU", image.modalityUnit());
        assertEquals(-1024, image.minModalityValue());
        assertEquals(7166, image.maxModalityValue());
        ModalityImage m = ((GreyscaleImage) image).modalityImage();
        assertArrayEquals(new float[] {-1024, 0, 7166}, m.values());
        assertEquals("HU", m.unit());
    }

    @Test
    void windowPresetsComeFromTheFileWithTheirFunctionAndNames() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 8, 8, 7, false, "MONOCHROME2");
        ds.setDecimals(Tag.WindowCenter, 100, 50);
        ds.setDecimals(Tag.WindowWidth, 200, 20);
        ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "SOFT", "NARROW");
        ds.setString(Tag.VOILUTFunction, VR.CS, "SIGMOID");
        DisplayableImage image = image(ds, SyntheticDicom.bytes(0, 100, 200));
        assertEquals(List.of(new VoiWindow(100, 200, VoiFunction.SIGMOID, "SOFT"),
                new VoiWindow(50, 20, VoiFunction.SIGMOID, "NARROW")), image.presets());
        assertEquals(image.presets().get(0), image.defaultWindow());
        // SIGMOID at c = 100, w = 200: x = 0 → 1/(1+e^2) = 0.1192 → 30; x = 100 → 128; x = 200 → 225.
        assertArrayEquals(new int[] {30, 128, 225}, greys(image, image.defaultWindow(), false));
    }

    @Test
    void withoutPresetsTheDefaultWindowSpansTheFullRange() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 16, 16, 15, true, "MONOCHROME2");
        DisplayableImage image = image(ds, SyntheticDicom.le16(-1000 & 0xFFFF, 0, 3000));
        assertEquals(-1000, image.minModalityValue());
        assertEquals(3000, image.maxModalityValue());
        assertArrayEquals(new int[] {0, 64, 255}, greys(image, image.defaultWindow(), false));
    }

    @Test
    void monochrome1InvertsAndTheUserInvertFlipsBack() throws Exception {
        DicomObject mono2 = attributes(1, 3, 1, 8, 8, 7, false, "MONOCHROME2");
        DicomObject mono1 = attributes(1, 3, 1, 8, 8, 7, false, "MONOCHROME1");
        VoiWindow w = VoiWindow.linear(128, 256, "full");
        byte[] px = SyntheticDicom.bytes(0, 64, 255);
        int[] normal = greys(image(mono2, px), w, false);
        assertArrayEquals(new int[] {0, 64, 255}, normal);
        assertArrayEquals(new int[] {255, 191, 0}, greys(image(mono1, px), w, false));
        assertArrayEquals(normal, greys(image(mono1, px), w, true));
    }

    @Test
    void presentationLutShapeInverseInvertsOnceEvenForMonochrome1() throws Exception {
        VoiWindow w = VoiWindow.linear(128, 256, "full");
        byte[] px = SyntheticDicom.bytes(0, 255);
        DicomObject mono2Inverse = attributes(1, 2, 1, 8, 8, 7, false, "MONOCHROME2");
        mono2Inverse.setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");
        assertArrayEquals(new int[] {255, 0}, greys(image(mono2Inverse, px), w, false));
        DicomObject mono1Inverse = attributes(1, 2, 1, 8, 8, 7, false, "MONOCHROME1");
        mono1Inverse.setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");
        assertArrayEquals(new int[] {255, 0}, greys(image(mono1Inverse, px), w, false));
        DicomObject identity = attributes(1, 2, 1, 8, 8, 7, false, "MONOCHROME2");
        identity.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");
        assertArrayEquals(new int[] {0, 255}, greys(image(identity, px), w, false));
    }

    @Test
    void modalityLutSequenceReplacesRescale() throws Exception {
        DicomObject ds = attributes(1, 4, 1, 16, 16, 15, true, "MONOCHROME2");
        ds.setDecimals(Tag.RescaleSlope, 100); // must be ignored: the table wins
        DicomObject item = LookupTableTest.lutItem(new int[] {3, -1, 16}, VR.SS, SyntheticDicom.le16(7, 70, 700));
        item.setString(Tag.ModalityLUTType, VR.LO, "OD");
        ds.setSequence(Tag.ModalityLUTSequence, List.of(item));
        DisplayableImage image = image(ds, SyntheticDicom.le16(-5 & 0xFFFF, -1 & 0xFFFF, 0, 9));
        assertEquals(7, image.modalityValue(0, 0), "below the table");
        assertEquals(7, image.modalityValue(1, 0));
        assertEquals(70, image.modalityValue(2, 0));
        assertEquals(700, image.modalityValue(3, 0), "above the table");
        assertEquals("OD", image.modalityUnit());
    }

    @Test
    void voiLutSequenceIsOfferedAsAPresetAndAppliedWhenChosen() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 8, 8, 7, false, "MONOCHROME2");
        DicomObject item = LookupTableTest.lutItem(new int[] {3, 10, 8}, VR.US, SyntheticDicom.le16(255, 128, 0));
        item.setString(Tag.LUTExplanation, VR.LO, "REVERSED");
        ds.setSequence(Tag.VOILUTSequence, List.of(item));
        DisplayableImage image = image(ds, SyntheticDicom.bytes(10, 11, 12));
        assertEquals(1, image.presets().size());
        VoiWindow preset = image.presets().get(0);
        assertTrue(preset.name().startsWith("VOI LUT 1: REVERSED"), preset.name());
        assertEquals(preset, image.defaultWindow());
        assertArrayEquals(new int[] {255, 128, 0}, greys(image, preset, false));
        // Dragging the window leaves the table for the equivalent linear window.
        VoiWindow dragged = preset.withCenterWidth(preset.center() + 1, preset.width());
        assertFalse(greys(image, dragged, false)[0] == 255);
    }

    @Test
    void renderSamplesByNearestNeighbourAndFillsOutsideWithBackground() throws Exception {
        DicomObject ds = attributes(2, 2, 1, 8, 8, 7, false, "MONOCHROME2");
        DisplayableImage image = image(ds, SyntheticDicom.bytes(0, 100, 200, 255));
        VoiWindow w = VoiWindow.linear(128, 256, "full");
        int[] dst = new int[5 * 5];
        // Zoom 2 with the source origin at view (1, 1): view pixels 1..4 show the image, the rest is background.
        image.render(w, false, ViewTransform.zoomPan(2, -0.5, -0.5), dst, 5, 5, 0x12345678);
        assertEquals(0x12345678, dst[0]);
        assertEquals(0xFF000000, dst[5 + 1]);
        assertEquals(0xFF000000, dst[5 + 2]);
        assertEquals(0xFF646464, dst[5 + 3]);
        assertEquals(0xFFC8C8C8, dst[3 * 5 + 1]);
        assertEquals(0xFFFFFFFF, dst[4 * 5 + 4]);
        assertEquals(0x12345678, dst[4 * 5 + 0]);
        // A rotated view takes the general path: 90° clockwise maps view (x, y) to source (y, H − x).
        int[] rotated = new int[4];
        image.render(w, false, new ViewTransform(0, 1, 0, -1, 0, 2), rotated, 2, 2, 0);
        assertArrayEquals(new int[] {0xFFC8C8C8, 0xFF000000, 0xFFFFFFFF, 0xFF646464}, rotated);
    }

    @Test
    void theDisplayTableIsCachedPerWindow() throws Exception {
        GreyscaleImage image = (GreyscaleImage) image(attributes(1, 2, 1, 8, 8, 7, false, "MONOCHROME2"),
                SyntheticDicom.bytes(1, 2));
        VoiWindow w = VoiWindow.linear(10, 20, "w");
        int[] first = image.displayTable(w, false);
        assertSame(first, image.displayTable(VoiWindow.linear(10, 20, "w"), false));
        assertFalse(first == image.displayTable(w, true));
    }

    @Test
    void paletteColourMapsIndicesThroughSixteenBitTables() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 8, 8, 7, false, "PALETTE COLOR");
        int[] descriptor = {3, 0, 16};
        ds.setInts(Tag.RedPaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setInts(Tag.GreenPaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setInts(Tag.BluePaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(65535, 0, 32896));
        ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(0, 65535, 32896));
        ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(0, 0, 32896));
        DisplayableImage image = image(ds, SyntheticDicom.bytes(0, 1, 2));
        assertInstanceOf(ColorImage.class, image);
        assertTrue(image.isColor());
        ColorImage c = (ColorImage) image;
        assertEquals(0xFFFF0000, c.argb(0, 0));
        assertEquals(0xFF00FF00, c.argb(1, 0));
        assertEquals(0xFF808080, c.argb(2, 0));
    }

    @Test
    void paletteTablesDeclaredSixteenBitButHoldingEightBitValuesAreReadAsEightBit() throws Exception {
        DicomObject ds = attributes(1, 2, 1, 8, 8, 7, false, "PALETTE COLOR");
        int[] descriptor = {2, 0, 16};
        ds.setInts(Tag.RedPaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setInts(Tag.GreenPaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setInts(Tag.BluePaletteColorLookupTableDescriptor, VR.US, descriptor);
        ds.setBytes(Tag.RedPaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(255, 0));
        ds.setBytes(Tag.GreenPaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(128, 0));
        ds.setBytes(Tag.BluePaletteColorLookupTableData, VR.OW, SyntheticDicom.le16(0, 1));
        ColorImage c = (ColorImage) image(ds, SyntheticDicom.bytes(0, 1));
        assertEquals(0xFFFF8000, c.argb(0, 0));
        assertEquals(0xFF000001, c.argb(1, 0));
    }

    @Test
    void rgbPlanarAndYbrFullBecomeRgb() throws Exception {
        DicomObject rgb = attributes(1, 2, 3, 8, 8, 7, false, "RGB");
        rgb.setInts(Tag.PlanarConfiguration, VR.US, 1);
        ColorImage c = (ColorImage) image(rgb, SyntheticDicom.bytes(255, 1, 0, 2, 0, 3));
        assertEquals(0xFFFF0000, c.argb(0, 0));
        assertEquals(0xFF010203, c.argb(1, 0));
        DicomObject ybr = attributes(1, 2, 3, 8, 8, 7, false, "YBR_FULL");
        // Y=128 Cb=Cr=128 is mid grey; Y=76 Cb=85 Cr=255 is (254.05, 0.10, −0.20) → red.
        ColorImage y = (ColorImage) image(ybr, SyntheticDicom.bytes(128, 128, 128, 76, 85, 255));
        assertEquals(0xFF808080, y.argb(0, 0));
        assertEquals(0xFFFE0000, y.argb(1, 0));
    }
}
