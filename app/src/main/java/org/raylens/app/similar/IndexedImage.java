package org.raylens.app.similar;

/**
 * What the index stores for one image besides its vector: where it is (the embeddings table's source, a path or a
 * {@code file:} URI) and its DICOM UIDs (empty when the embeddings did not record them, as {@code raylens embed}'s
 * table does not).
 */
public record IndexedImage(String path, String studyUid, String seriesUid, String sopUid) {
    public IndexedImage {
        studyUid = studyUid == null ? "" : studyUid;
        seriesUid = seriesUid == null ? "" : seriesUid;
        sopUid = sopUid == null ? "" : sopUid;
    }

    /** An image known by its path only. */
    public static IndexedImage ofPath(String path) {
        return new IndexedImage(path, "", "", "");
    }
}
