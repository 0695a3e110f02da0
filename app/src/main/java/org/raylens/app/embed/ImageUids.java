package org.raylens.app.embed;

import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * The DICOM identity of an embedded image: its Study, Series and SOP Instance UIDs, so an embedding can be joined back
 * to the archive it came from. Each is null when the image has none (a PNG or JPEG, or a DICOM file lacking the tag).
 */
public record ImageUids(String study, String series, String sopInstance) {
    /** No UIDs: the image is not DICOM. */
    public static final ImageUids NONE = new ImageUids(null, null, null);

    /** The UIDs in a DICOM header (absent tags stay null). */
    public static ImageUids of(DicomObject dataset) {
        if (dataset == null) {
            return NONE;
        }
        return new ImageUids(dataset.getString(Tag.StudyInstanceUID), dataset.getString(Tag.SeriesInstanceUID),
                dataset.getString(Tag.SOPInstanceUID));
    }
}
