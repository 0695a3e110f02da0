package org.raylens.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.annotation.SharedHeaders;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/** Which spacing a measurement uses, and distances in mm computed by hand. */
class CalibratedSpacingTest {

    @Test
    void imagerPixelSpacingOfARealDxFile() throws Exception {
        // dcmdump DX_J2K_0Padding.dcm: (0018,1164) DS [0.4\0.4], no Pixel Spacing
        CalibratedSpacing s = CalibratedSpacing.of(SharedHeaders.header("cxr/dicom/DX_J2K_0Padding.dcm"));
        assertEquals(SpacingSource.IMAGER_PIXEL_SPACING, s.source());
        // 300 columns and 400 rows apart: sqrt((300·0.4)² + (400·0.4)²) = sqrt(120² + 160²) = 200 mm
        assertEquals(200.0, s.length(10, 20, 310, 420), 1e-9);
        assertEquals("mm", s.lengthUnit());
        assertEquals("Imager Pixel Spacing, at detector", s.description());
    }

    @Test
    void zeroPixelSpacingMeansPixels() throws Exception {
        // dcmdump RG1_J2KI.dcm: (0028,0030) DS [0.000\0.000] and no Imager Pixel Spacing
        CalibratedSpacing s = CalibratedSpacing.of(SharedHeaders.header("cxr/dicom/RG1_J2KI.dcm"));
        assertEquals(SpacingSource.NONE, s.source());
        assertEquals(500.0, s.length(10, 20, 310, 420), 1e-9);
        assertEquals("px", s.lengthUnit());
    }

    @Test
    void pixelSpacingWinsAndCarriesItsCalibrationType() {
        DicomObject h = new DicomObject();
        h.setDecimals(Tag.ImagerPixelSpacing, 0.2, 0.2);
        h.setDecimals(Tag.PixelSpacing, 0.18, 0.15); // rows 0.18 mm apart, columns 0.15 mm
        h.setString(CalibratedSpacing.PIXEL_SPACING_CALIBRATION_TYPE, VR.CS, "GEOMETRY");
        CalibratedSpacing s = CalibratedSpacing.of(h);
        assertEquals(SpacingSource.PIXEL_SPACING, s.source());
        assertEquals("Pixel Spacing, GEOMETRY", s.description());
        // 40 columns and 30 rows: sqrt((40·0.15)² + (30·0.18)²) = sqrt(36 + 29.16)
        assertEquals(Math.sqrt(36 + 29.16), s.length(0, 0, 40, 30), 1e-12);
        assertEquals(100 * 0.18 * 0.15, s.area(100), 1e-12);
    }
}
