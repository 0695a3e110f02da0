package org.raylens.app.open;

import java.util.List;
import java.util.Objects;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.study.DerivedObject;

/**
 * One openable image of a study as the browser shows it: its {@link ImageSource} (identity, header, pixels) and
 * where it belongs at each level of the Patient → Study → Series tree. DICOM instances are grouped by Patient ID and
 * Name, Study and Series Instance UID; files without DICOM headers by the folders they lie in.
 *
 * @param derived the segmentations, parametric maps and reports the index attached to this instance's series
 *                (the window offers those that reference this image as layers and panels)
 */
public record StudyInstance(ImageSource source, Grouping patient, Grouping study, Grouping series,
        String instanceLabel, List<DerivedObject> derived) {

    /** An instance of a series without derived objects. */
    public StudyInstance(ImageSource source, Grouping patient, Grouping study, Grouping series,
            String instanceLabel) {
        this(source, patient, study, series, instanceLabel, List.of());
    }

    public StudyInstance {
        Objects.requireNonNull(source, "source");
        patient = Objects.requireNonNullElse(patient, Grouping.NONE);
        study = Objects.requireNonNullElse(study, Grouping.NONE);
        series = Objects.requireNonNullElse(series, Grouping.NONE);
        instanceLabel = Objects.requireNonNullElse(instanceLabel, source.displayName());
        derived = List.copyOf(Objects.requireNonNullElse(derived, List.of()));
    }

    public String patientLabel() {
        return patient.label();
    }

    public String studyLabel() {
        return study.label();
    }

    public String seriesLabel() {
        return series.label();
    }
}
