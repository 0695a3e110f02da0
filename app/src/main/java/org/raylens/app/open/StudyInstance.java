package org.raylens.app.open;

import java.nio.file.Path;
import java.util.Objects;

/** One openable image of a study as the instance list shows it: where it is and how to label it. */
public record StudyInstance(Path path, String studyLabel, String seriesLabel, String instanceLabel) {

    public StudyInstance {
        Objects.requireNonNull(path, "path");
        studyLabel = Objects.requireNonNullElse(studyLabel, "");
        seriesLabel = Objects.requireNonNullElse(seriesLabel, "");
        instanceLabel = Objects.requireNonNullElse(instanceLabel, path.getFileName() == null ? path.toString()
                : path.getFileName().toString());
    }
}
