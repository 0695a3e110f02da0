package org.raylens.viewer.dicomweb;

import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/** One study a QIDO-RS search found: what a result row shows, plus the whole dataset the server sent. */
public record StudySummary(String studyInstanceUid, String patientId, String patientName, String studyDate,
        List<String> modalities, String accessionNumber, String description, int seriesCount, int instanceCount,
        DicomObject dataset) {

    private static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    private static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    private static final int MODALITIES_IN_STUDY = 0x00080061;

    static StudySummary of(DicomObject d) {
        String[] modalities = d.getStrings(MODALITIES_IN_STUDY);
        return new StudySummary(d.getString(Tag.StudyInstanceUID, ""), d.getString(Tag.PatientID, ""),
                d.getString(Tag.PatientName, ""), d.getString(Tag.StudyDate, ""),
                modalities == null ? List.of() : List.of(modalities), d.getString(Tag.AccessionNumber, ""),
                d.getString(Tag.StudyDescription, ""), d.getInt(NUMBER_OF_STUDY_RELATED_SERIES, -1),
                d.getInt(NUMBER_OF_STUDY_RELATED_INSTANCES, -1), d);
    }
}
