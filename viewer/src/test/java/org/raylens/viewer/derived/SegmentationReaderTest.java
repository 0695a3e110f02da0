package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the dcmqi SEGs of ../shared/data/dicom-derived. Expected values come from dcmdump (UIDs, positions, codes)
 * and pydicom 2.3 (pixel_array: frame sums 0/315/0 for label.seg, 11…9 for the SR's SEG; first set pixel of
 * label.seg's frame 2 at row 0, column 12).
 */
class SegmentationReaderTest {

    private final SegmentationReader reader = new SegmentationReader();

    @Test
    void binarySegHasOneLabelledSegmentWithItsColourAndCodes() throws Exception {
        Segmentation seg = reader.read(DerivedData.seg24().resolve("seg/label.seg"));
        assertEquals(Segmentation.Type.BINARY, seg.type());
        assertEquals(38, seg.rows());
        assertEquals(24, seg.columns());
        assertEquals(1, seg.segments().size());
        Segment liver = seg.segments().get(0);
        assertEquals(1, liver.number());
        assertEquals("Liver", liver.label());
        assertEquals("Liver Segmentation", liver.description());
        assertEquals(new CodedConcept("T-D0050", "SRT", "Tissue"), liver.category());
        assertEquals(new CodedConcept("T-62000", "SRT", "Liver"), liver.type());
        assertArrayEquals(new int[] {41661, 41167, 40792}, liver.cieLab());
        // 3D Slicer's GenericAnatomyColors liver is (221, 130, 101); dcmqi wrote it as this CIELab triple
        assertColourNear(0xDD8265, liver.argb());
    }

    @Test
    void eachSegFrameLandsOnTheSliceItWasDerivedFrom() throws Exception {
        Segmentation seg = reader.read(DerivedData.seg24().resolve("seg/label.seg"));
        assertEquals(3, seg.frames().size());
        assertEquals(List.of(0, 315, 0), List.of(seg.setPixels(0), seg.setPixels(1), seg.setPixels(2)));
        String[] slices = {DerivedData.IMG1, DerivedData.IMG2, DerivedData.IMG3};
        for (int i = 0; i < 3; i++) {
            List<DerivedFrame> over = seg.framesOver(new SourceImageKey(slices[i], 1, null, null));
            assertEquals(1, over.size(), "slice " + (i + 1));
            assertEquals(i, over.get(0).index());
        }
        float[] onSlice2 = seg.segmentOver(1, new SourceImageKey(DerivedData.IMG2, 1, null, null)).orElseThrow();
        assertEquals(315, count(onSlice2));
        assertEquals(1f, onSlice2[12]); // row 0, column 12 (pydicom)
        assertEquals(0f, onSlice2[11]);
        assertEquals(0, count(seg.segmentOver(1, new SourceImageKey(DerivedData.IMG1, 1, null, null))
                .orElseThrow()));
        assertTrue(seg.segmentOver(1, new SourceImageKey("1.2.3.unrelated", 1, null, null)).isEmpty());
    }

    @Test
    void framesOfTheMultiFrameConversionAreMatchedByPosition() throws Exception {
        // mf.dcm is a new SOP instance: the SEG names none of its UIDs, but it shares the frame of reference and the
        // slice positions (its frame 2 lies at z = -175.25, like IMG0002)
        Segmentation seg = reader.read(DerivedData.seg24().resolve("seg/label.seg"));
        List<DerivedFrame> over = seg.framesOver(new SourceImageKey("1.3.6.1.4.1.5962.99.1.3840.1781.1519964048862"
                + ".1.1.3456.3456.1", 2, DerivedData.FRAME_OF_REFERENCE, new double[] {46.4649, 5.01881, -175.25}));
        assertEquals(1, over.size());
        assertEquals(1, over.get(0).index());
        assertTrue(seg.framesOver(new SourceImageKey("x", 2, "another.frame.of.reference",
                new double[] {46.4649, 5.01881, -175.25})).isEmpty());
    }

    @Test
    void theReportsSegHasThirteenFramesOfOneTumourSegment() throws Exception {
        Segmentation seg = reader.read(DerivedData.srExample().resolve("seg.dcm"));
        assertEquals(128, seg.rows());
        assertEquals(13, seg.frames().size());
        assertEquals("Neoplasm, Primary", seg.segments().get(0).label());
        assertEquals("Morphologically Altered Structure", seg.segments().get(0).category().meaning());
        int[] sums = {11, 24, 42, 60, 69, 81, 82, 91, 94, 94, 81, 57, 9};
        for (int i = 0; i < sums.length; i++) {
            assertEquals(sums[i], seg.setPixels(i), "frame " + (i + 1));
        }
        assertEquals("1.3.6.1.4.1.14519.5.2.1.2744.7002.256588761966999795362041383661",
                seg.frames().get(0).sources().get(0).sopInstanceUid());
        assertNull(seg.fractionalType());
    }

    @Test
    void fractionalSegmentsAreFractionsOfTheMaximumWithTheirOwnColours(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("fractional.dcm");
        TinyFractionalSeg.write(file);
        Segmentation seg = reader.read(file);
        assertEquals(Segmentation.Type.FRACTIONAL, seg.type());
        assertEquals("PROBABILITY", seg.fractionalType());
        assertEquals(200, seg.maxFractionalValue());
        assertEquals(List.of("Lung", "Nodule"), seg.segments().stream().map(Segment::label).toList());
        assertColourNear(0xDD8265, seg.segments().get(0).argb());
        assertEquals(Segment.fallbackColour(2), seg.segments().get(1).argb(), "no CIELab: a colour by number");
        SourceImageKey image = new SourceImageKey(TinyFractionalSeg.SOURCE, 1, null, null);
        float[] lung = seg.segmentOver(1, image).orElseThrow();
        assertEquals(TinyFractionalSeg.ROWS * TinyFractionalSeg.COLUMNS, lung.length);
        assertEquals(0f, lung[0]);
        assertEquals(110 / 200f, lung[11], 1e-7);
        float[] nodule = seg.segmentOver(2, image).orElseThrow();
        assertEquals(1f, nodule[11]);
        assertEquals(0f, nodule[10]);
    }

    static int count(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    static void assertColourNear(int expectedRgb, int argb) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expectedRgb >> shift & 0xFF;
            int a = argb >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= 2, String.format("colour %06x, expected about %06x", argb & 0xFFFFFF,
                    expectedRgb));
        }
    }
}
