package org.raylens.viewer.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.image.ViewTransform;

/**
 * Orientation letters from real headers (dcmdump: RG1_J2KI.dcm has Patient Orientation L\F, a PA chest; the MR in
 * pydicom-data has no Patient Orientation but Image Orientation (Patient) 0.569486\0.822001\0\-0\0\-1), and how they
 * move when the view is rotated and flipped.
 */
class PatientOrientationTest {

    private static final PatientOrientation PA_CHEST = new PatientOrientation("L", "F");

    @Test
    void patientOrientationOfARealChestFile() throws Exception {
        DicomObject h = SharedHeaders.header("cxr/dicom/RG1_J2KI.dcm");
        assertEquals(PA_CHEST, PatientOrientation.of(h).orElseThrow());
        DicomObject dx = SharedHeaders.header("cxr/dicom/DX_J2K_0Padding.dcm");
        assertEquals(new PatientOrientation("H", "L"), PatientOrientation.of(dx).orElseThrow());
    }

    @Test
    void imageOrientationPatientGivesLettersLargestFirst() throws Exception {
        DicomObject h = SharedHeaders.header("dicom-conformance/pydicom-data/MR2_J2KI.dcm");
        // row (0.569, 0.822, 0): mostly posterior, partly left; column (0, 0, -1): feet
        assertEquals(new PatientOrientation("PL", "F"), PatientOrientation.of(h).orElseThrow());
    }

    @Test
    void noOrientationInTheHeaderGivesNoLetters() {
        DicomObject h = new DicomObject();
        h.setString(Tag.PatientOrientation, VR.CS, "");
        assertTrue(PatientOrientation.of(h).isEmpty());
    }

    @Test
    void edgesUnderRotateAndFlip() {
        ViewportModel vm = new ViewportModel();
        vm.setViewSize(400, 300);
        // unrotated PA chest: the patient's right on the viewer's left, head up
        assertEquals(new PatientOrientation.Edges("R", "L", "H", "F"), PA_CHEST.edges(vm.getTransform()));
        vm.rotateClockwise(); // the head turns to the right, the image's left edge (patient's right) to the top
        assertEquals(new PatientOrientation.Edges("F", "H", "R", "L"), PA_CHEST.edges(vm.getTransform()));
        vm.rotateClockwise();
        assertEquals(new PatientOrientation.Edges("L", "R", "F", "H"), PA_CHEST.edges(vm.getTransform()));
        vm.rotateClockwise();
        assertEquals(new PatientOrientation.Edges("H", "F", "L", "R"), PA_CHEST.edges(vm.getTransform()));
        vm.rotateClockwise();
        vm.flipHorizontal(); // mirrored: as if seen from behind (AP)
        assertEquals(new PatientOrientation.Edges("L", "R", "H", "F"), PA_CHEST.edges(vm.getTransform()));
        vm.rotateCounterClockwise(); // mirrored, then a quarter turn back
        assertEquals(new PatientOrientation.Edges("F", "H", "L", "R"), PA_CHEST.edges(vm.getTransform()));
        // zoom and pan never change the letters
        for (ViewTransform t : List.of(ViewTransform.zoomPan(0.1, 5, 5), ViewTransform.zoomPan(7, -300, 40))) {
            assertEquals(new PatientOrientation.Edges("R", "L", "H", "F"), PA_CHEST.edges(t));
        }
    }

    @Test
    void obliqueLettersReverseLetterByLetter() {
        assertEquals("RH", PatientOrientation.opposite("LF"));
        assertEquals("AR", PatientOrientation.opposite("PL"));
    }

    @Test
    void lateralityFromImageLateralityThenLaterality() throws Exception {
        // DX_J2K_0Padding.dcm states Image Laterality U (unpaired): no L/R marker
        assertTrue(Laterality.of(SharedHeaders.header("cxr/dicom/DX_J2K_0Padding.dcm")).isEmpty());
        DicomObject h = new DicomObject();
        h.setString(Tag.Laterality, VR.CS, "R");
        assertEquals("R", Laterality.of(h).orElseThrow());
        h.setString(Tag.ImageLaterality, VR.CS, "L");
        assertEquals("L", Laterality.of(h).orElseThrow(), "the image's own laterality wins over the series'");
    }
}
