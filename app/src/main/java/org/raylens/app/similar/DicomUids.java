package org.raylens.app.similar;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.source.ImageSourceRegistry;

/**
 * Fills in the Study, Series and SOP Instance UIDs of embeddings whose table did not record them ({@code raylens
 * embed}'s does not), from each DICOM file's header (headers only, no pixels). Images that are not DICOM keep empty
 * UIDs; an image that cannot be read keeps them empty too and is counted, so the build can say how many and why.
 */
public final class DicomUids {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** The rows with their UIDs, and the images whose header could not be read (path: reason). */
    public record Filled(Embeddings embeddings, List<String> unreadable) {}

    private DicomUids() {}

    public static Filled fill(Embeddings in, ImageSourceRegistry sources) {
        List<Embeddings.Row> rows = new ArrayList<>(in.rows().size());
        List<String> unreadable = new ArrayList<>();
        for (Embeddings.Row row : in.rows()) {
            IndexedImage image = row.image();
            if (!image.studyUid().isEmpty() || !image.sopUid().isEmpty()) {
                rows.add(row);
                continue;
            }
            try {
                rows.add(new Embeddings.Row(read(image, sources), row.vector()));
            } catch (Exception e) {
                unreadable.add(image.path() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                rows.add(row);
            }
        }
        return new Filled(new Embeddings(in.source(), in.provenance(), rows), unreadable);
    }

    private static IndexedImage read(IndexedImage image, ImageSourceRegistry sources) throws Exception {
        String p = image.path();
        URI uri = SCHEME.matcher(p).matches() && !p.matches("^[A-Za-z]:\\\\.*") ? URI.create(p) : Path.of(p).toUri();
        Optional<DicomFile> header = sources.open(uri).header();
        if (header.isEmpty()) {
            return image; // PNG, JPEG, TIFF: no UIDs to read
        }
        try (DicomFile f = header.get()) {
            DicomObject d = f.dataset();
            return new IndexedImage(p, d.getString(Tag.StudyInstanceUID, ""), d.getString(Tag.SeriesInstanceUID, ""),
                    d.getString(Tag.SOPInstanceUID, ""));
        }
    }
}
