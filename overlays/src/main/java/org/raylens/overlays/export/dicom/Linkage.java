package org.raylens.overlays.export.dicom;

/** Whether a derived object names the source's patient and study, or is de-identified (the user picks). */
public enum Linkage {
    /**
     * Same patient and study as the source, referencing its series and instance by their UIDs: the object files
     * beside its source in a PACS, and a viewer lays it over the source.
     */
    LINKED,
    /**
     * Patient and study attributes emptied, every UID (study, series, source instance, frame of reference) replaced
     * by a new one, Patient Identity Removed YES: nothing links the object back to the person or the source files.
     * Internal references stay consistent (the object still references "its" source by the replaced UID).
     */
    DEIDENTIFIED
}
