package org.raylens.app.open;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DicomLabelsTest {

    @Test
    void labelsReadWellWhenFieldsAreMissing() {
        assertEquals("(no patient name)", DicomLabels.patientLabel("", null));
        assertEquals("ID7", DicomLabels.patientLabel(null, "ID7"));
        assertEquals("DOE JANE (7)", DicomLabels.patientLabel("DOE^JANE", "7"));
        assertEquals("#3 CR PA", DicomLabels.seriesLabel(3, "CR", "PA"));
        assertEquals("Series", DicomLabels.seriesLabel(null, null, " "));
        assertEquals("1.2.3", DicomLabels.studyLabel(null, null, "1.2.3"));
        assertEquals("2024-01-02 CHEST", DicomLabels.studyLabel("20240102", "CHEST", "1.2.3"));
    }
}
