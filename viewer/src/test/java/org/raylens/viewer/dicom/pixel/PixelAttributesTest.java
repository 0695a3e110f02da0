package org.raylens.viewer.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.attributes;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicom.codec.PixelDescription;

class PixelAttributesTest {

    private static PixelDataException refused(DicomObject ds) {
        return assertThrows(PixelDataException.class, () -> PixelAttributes.describe(ds, SyntheticDicom.NAME));
    }

    @Test
    void aValidHeaderDescribesTheImage() throws Exception {
        DicomObject ds = attributes(3000, 2500, 1, 16, 12, 11, true, "MONOCHROME1");
        ds.setString(Tag.NumberOfFrames, VR.IS, "2");
        PixelDescription d = PixelAttributes.describe(ds, SyntheticDicom.NAME);
        assertEquals(new PixelDescription(3000, 2500, 2, 1, 16, 12, 11, true, "MONOCHROME1", 0), d);
    }

    @Test
    void defaultsFollowTheStandardWhenOptionalValuesAreMissing() throws Exception {
        DicomObject ds = new DicomObject();
        ds.setInts(Tag.Rows, VR.US, 2);
        ds.setInts(Tag.Columns, VR.US, 3);
        ds.setInts(Tag.BitsAllocated, VR.US, 8);
        PixelDescription d = PixelAttributes.describe(ds, SyntheticDicom.NAME);
        assertEquals(new PixelDescription(2, 3, 1, 1, 8, 8, 7, false, "MONOCHROME2", 0), d);
    }

    @Test
    void missingRowsNamesTheTag() {
        DicomObject ds = attributes(1, 1, 1, 8, 8, 7, false, "MONOCHROME2");
        ds.remove(Tag.Rows);
        PixelDataException e = refused(ds);
        assertEquals(Tag.Rows, e.tag());
        assertTrue(e.getMessage().contains("synthetic.dcm"), e.getMessage());
    }

    @Test
    void inconsistentAttributesAreRefused() {
        assertEquals(Tag.BitsAllocated, refused(attributes(1, 1, 1, 12, 12, 11, false, "MONOCHROME2")).tag());
        assertEquals(Tag.BitsStored, refused(attributes(1, 1, 1, 8, 9, 8, false, "MONOCHROME2")).tag());
        assertEquals(Tag.HighBit, refused(attributes(1, 1, 1, 16, 12, 16, false, "MONOCHROME2")).tag());
        assertEquals(Tag.HighBit, refused(attributes(1, 1, 1, 16, 12, 10, false, "MONOCHROME2")).tag());
        assertEquals(Tag.PhotometricInterpretation, refused(attributes(1, 1, 3, 8, 8, 7, false, "MONOCHROME2"))
                .tag());
        assertEquals(Tag.PhotometricInterpretation, refused(attributes(1, 1, 1, 8, 8, 7, false, "RGB")).tag());
        assertEquals(Tag.SamplesPerPixel, refused(attributes(1, 1, 4, 8, 8, 7, false, "ARGB")).tag());
        DicomObject planar = attributes(1, 1, 3, 8, 8, 7, false, "RGB");
        planar.setInts(Tag.PlanarConfiguration, VR.US, 2);
        assertEquals(Tag.PlanarConfiguration, refused(planar).tag());
        DicomObject frames = attributes(1, 1, 1, 8, 8, 7, false, "MONOCHROME2");
        frames.setString(Tag.NumberOfFrames, VR.IS, "0");
        assertEquals(Tag.NumberOfFrames, refused(frames).tag());
        frames.setString(Tag.NumberOfFrames, VR.IS, "1A");
        assertEquals(Tag.NumberOfFrames, refused(frames).tag());
    }

    @Test
    void aFrameTooLargeForOneArrayIsRefused() {
        assertEquals(Tag.Rows, refused(attributes(65535, 65535, 3, 8, 8, 7, false, "RGB")).tag());
    }
}
