package org.raylens.app.open;

import java.util.Objects;
import org.raylens.viewer.source.ImageSource;

/**
 * One openable image of a study as the browser shows it: its {@link ImageSource} (identity, header, pixels) and
 * where it belongs at each level of the Patient → Study → Series tree. DICOM instances are grouped by Patient ID and
 * Name, Study and Series Instance UID; files without DICOM headers by the folders they lie in.
 */
public record StudyInstance(ImageSource source, Grouping patient, Grouping study, Grouping series,
        String instanceLabel) {

    public StudyInstance {
        Objects.requireNonNull(source, "source");
        patient = Objects.requireNonNullElse(patient, Grouping.NONE);
        study = Objects.requireNonNullElse(study, Grouping.NONE);
        series = Objects.requireNonNullElse(series, Grouping.NONE);
        instanceLabel = Objects.requireNonNullElse(instanceLabel, source.displayName());
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
