package org.raylens.viewer.annotation;

/**
 * One item a corner of the viewport can show. Header items read the DICOM header; view items come from the viewport
 * (window, zoom) and the layers (the map shown). {@code identifying} items name the patient: an export drops them
 * unless identified output is asked for.
 */
public enum CornerField {
    PATIENT_NAME(true),
    PATIENT_ID(true),
    BIRTH_DATE_AND_SEX(true),
    STUDY_DATE(false),
    STUDY_DESCRIPTION(false),
    SERIES_AND_INSTANCE(false),
    MODALITY_AND_VIEW(false),
    WINDOW(false),
    ZOOM(false),
    MAP(false);

    private final boolean identifying;

    CornerField(boolean identifying) {
        this.identifying = identifying;
    }

    public boolean identifying() {
        return identifying;
    }
}
