package org.raylens.viewer.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;

/**
 * Corner text of a real file, against its header as dcmdump prints it (RG1_J2KI.dcm: PatientName
 * CompressedSamples^RG1, PatientID 9RG1, PatientBirthDate 19400305, PatientSex F, StudyDate 20040826,
 * StudyDescription THORAX, SeriesNumber 1, InstanceNumber 3, Modality CR, ViewPosition PA).
 */
class CornerTextComposerTest {

    private final CornerTextComposer composer = new CornerTextComposer(CornerLayout.standard());

    @Test
    void cornersOfARealChestRadiograph() throws Exception {
        DicomObject h = SharedHeaders.header("cxr/dicom/RG1_J2KI.dcm");
        CornerText t = composer.compose(h, new ViewState(15000, 30000, 0.25, "Attention, layer 12, mean of heads"));
        assertEquals(List.of("CompressedSamples, RG1", "ID 9RG1", "Born 1940-03-05 F"), texts(t, Corner.TOP_LEFT));
        assertEquals(List.of("2004-08-26", "THORAX", "Se 1  Im 3", "CR PA"), texts(t, Corner.TOP_RIGHT));
        assertEquals(List.of("C 15000  W 30000", "Zoom 25%"), texts(t, Corner.BOTTOM_LEFT));
        assertEquals(List.of("Attention, layer 12, mean of heads"), texts(t, Corner.BOTTOM_RIGHT));
    }

    @Test
    void deidentifiedTextDropsNameIdAndBirthDate() throws Exception {
        DicomObject h = SharedHeaders.header("cxr/dicom/RG1_J2KI.dcm");
        CornerText t = composer.compose(h, new ViewState(15000, 30000, 1, null)).deidentified();
        assertEquals(List.of(), texts(t, Corner.TOP_LEFT));
        assertEquals(List.of("2004-08-26", "THORAX", "Se 1  Im 3", "CR PA"), texts(t, Corner.TOP_RIGHT));
        assertNull(t.textOf(CornerField.PATIENT_NAME));
    }

    @Test
    void aPictureWithoutHeaderShowsOnlyTheView() {
        CornerText t = composer.compose(null, new ViewState(Double.NaN, Double.NaN, 1.5, null));
        assertEquals(List.of("Zoom 150%"), texts(t, Corner.BOTTOM_LEFT));
        assertEquals(List.of(), texts(t, Corner.TOP_LEFT));
    }

    @Test
    void sexAloneIsLabelled() {
        DicomObject h = new DicomObject();
        h.setString(org.raylens.viewer.dicom.Tag.PatientSex, org.raylens.viewer.dicom.VR.CS, "O");
        assertEquals("Sex O", composer.compose(h, new ViewState(1, 1, 1, null)).textOf(CornerField.BIRTH_DATE_AND_SEX));
    }

    @Test
    void personNamesAreMadeReadable() {
        assertEquals("Doe, John Dr", CornerTextComposer.personName("Doe^John^^Dr"));
        assertEquals("Yamada, Tarou", CornerTextComposer.personName("Yamada^Tarou=\u5c71\u7530^\u592a\u90ce"));
        assertNull(CornerTextComposer.personName("  "));
    }

    private static List<String> texts(CornerText t, Corner c) {
        return t.in(c).stream().map(CornerText.Line::text).toList();
    }
}
