package org.raylens.viewer.study;

import java.util.List;
import org.raylens.viewer.dicom.DicomFile;

/**
 * Builds a {@link StudyIndex} from headers read elsewhere than a folder, e.g. the WADO-RS metadata of a study on a
 * PACS: the same tree, ordering and attachment of derived objects as a folder scan, without any file being read.
 * Each header's {@link DicomFile#path()} is the path the instance goes by (for a DICOMweb instance, its cache entry,
 * which need not exist yet).
 */
public final class HeaderIndex {

    private HeaderIndex() {
    }

    public static StudyIndex of(List<DicomFile> headers) {
        StudyTreeBuilder tree = new StudyTreeBuilder();
        for (DicomFile header : headers) {
            try {
                tree.add(IndexedFile.fromHeader(header.path(), header));
            } catch (IndexedFile.NotAnInstanceException e) {
                tree.skip(new SkippedFile(header.path(), e.reason(), e.kind()));
            }
        }
        return tree.build();
    }
}
