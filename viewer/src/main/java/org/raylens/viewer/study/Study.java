package org.raylens.viewer.study;

import java.util.List;

/** One study: series ordered by series number, then UID. {@code date} is the raw DA value (YYYYMMDD) or null. */
public record Study(String studyInstanceUid, String date, String description, String accessionNumber,
        List<Series> series) {
    public Study {
        series = List.copyOf(series);
    }

    public int instanceCount() {
        return series.stream().mapToInt(s -> s.instances().size()).sum();
    }
}
