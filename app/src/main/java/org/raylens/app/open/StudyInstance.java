package org.raylens.app.open;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One openable image of a study as the browser shows it: where it is and how to label it at each level of the
 * Patient → Study → Series tree. Files without DICOM headers are labelled by the folders they lie in.
 */
public record StudyInstance(Path path, String patientLabel, String studyLabel, String seriesLabel,
        String instanceLabel) {

    public StudyInstance {
        Objects.requireNonNull(path, "path");
        patientLabel = Objects.requireNonNullElse(patientLabel, "");
        studyLabel = Objects.requireNonNullElse(studyLabel, "");
        seriesLabel = Objects.requireNonNullElse(seriesLabel, "");
        instanceLabel = Objects.requireNonNullElse(instanceLabel, path.getFileName() == null ? path.toString()
                : path.getFileName().toString());
    }

    /** An instance with no patient level (plain image files, or a loader that does not read headers). */
    public StudyInstance(Path path, String studyLabel, String seriesLabel, String instanceLabel) {
        this(path, "", studyLabel, seriesLabel, instanceLabel);
    }

    /** The same file with labels from its DICOM header. */
    public StudyInstance relabelled(String patient, String study, String series, String instance) {
        return new StudyInstance(path, patient, study, series, instance);
    }
}
