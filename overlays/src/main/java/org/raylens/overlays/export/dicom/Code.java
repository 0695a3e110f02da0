package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.util.Objects;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.VR;

/**
 * A coded concept (Code Value, Coding Scheme Designator, Code Meaning) and the ones the derived objects use. Every
 * code here is from DCM (PS3.16), SCT (SNOMED CT) or UCUM: none is private (see docs/decisions/dicom-results.md).
 */
public record Code(String value, String scheme, String meaning) {

    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** SCT "Anatomical structure": the segmented property category of an anatomy mask. */
    public static final Code ANATOMICAL_STRUCTURE = new Code("91723000", "SCT", "Anatomical Structure");
    /** SCT "Morphologically abnormal structure": the category of a finding mask. */
    public static final Code MORPHOLOGICALLY_ABNORMAL_STRUCTURE =
            new Code("49755003", "SCT", "Morphologically Altered Structure");
    /** SCT "Lung structure". */
    public static final Code LUNG = new Code("39607008", "SCT", "Lung");
    /** SCT "Finding": the generic type of a mask of something other than an organ. */
    public static final Code FINDING = new Code("404684003", "SCT", "Finding");
    /** DCM "Source image for image processing operation" (purpose of reference of a derivation source). */
    static final Code SOURCE_FOR_PROCESSING = new Code("121322", "DCM", "Source image for image processing operation");
    /** DCM "Segmentation" (derivation code of a SEG frame). */
    static final Code SEGMENTATION = new Code("113076", "DCM", "Segmentation");
    /** UCUM "no units" (a probability, a map value in arbitrary units). */
    static final Code NO_UNITS = new Code("1", "UCUM", "no units");

    /** This code as a sequence item. */
    DicomObject item() {
        DicomObject d = DerivedHeader.item();
        d.setString(DerivedTags.CodeValue, VR.SH, value);
        d.setString(DerivedTags.CodingSchemeDesignator, VR.SH, scheme);
        d.setString(DerivedTags.CodeMeaning, VR.LO, meaning);
        return d;
    }
}
