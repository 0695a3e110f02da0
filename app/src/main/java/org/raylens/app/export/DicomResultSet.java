package org.raylens.app.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The DICOM results the window can make from the view at one moment (what "Send results to PACS" stores): each with
 * what it is, a file name, and the blocking write that makes it; and why each of the others cannot be made ("No mask:
 * run the analysis with a segmentation adapter first").
 */
public record DicomResultSet(List<Result> results, List<String> unavailable) {

    public DicomResultSet {
        results = List.copyOf(results);
        unavailable = List.copyOf(unavailable);
    }

    /** Writes one result to a file (atomically, through the overlays' writers). */
    @FunctionalInterface
    public interface Writer {
        void write(Path target) throws Exception;
    }

    /** @param kind "Secondary Capture", "Parametric Map", "Segmentation" or "SR" */
    public record Result(String kind, String fileName, Writer writer) {
        public Result {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(writer, "writer");
        }
    }
}
