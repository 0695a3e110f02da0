package org.raylens.app.pacs;

import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/** One series of a PACS study as QIDO-RS lists it: what the search panel's series list shows. */
public record SeriesRow(String seriesInstanceUid, String number, String modality, String description,
        int instances) {

    private static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;

    static SeriesRow of(DicomObject d) {
        return new SeriesRow(d.getString(Tag.SeriesInstanceUID, ""), d.getString(Tag.SeriesNumber, ""),
                d.getString(Tag.Modality, ""), d.getString(Tag.SeriesDescription, ""),
                d.getInt(NUMBER_OF_SERIES_RELATED_INSTANCES, -1));
    }

    /** "#2 DX PA chest (1 instance)". */
    public String label() {
        String text = ((number.isBlank() ? "" : "#" + number) + " " + modality + " " + description).trim()
                .replaceAll("\\s+", " ");
        return (text.isEmpty() ? seriesInstanceUid : text)
                + (instances < 0 ? "" : " (" + instances + (instances == 1 ? " instance)" : " instances)"));
    }
}
