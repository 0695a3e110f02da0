package org.raylens.viewer.derived;

import org.raylens.viewer.dicom.DicomObject;

/**
 * A coded entry (Code Value, Coding Scheme Designator, Code Meaning), as DICOM SEG segment categories and SR
 * concept names carry them. Long (0008,0119) and URN (0008,0120) code values are read when the short one is absent.
 */
public record CodedConcept(String value, String scheme, String meaning) {

    static final int CodeValue = 0x00080100;
    static final int CodingSchemeDesignator = 0x00080102;
    static final int CodeMeaning = 0x00080104;
    static final int LongCodeValue = 0x00080119;
    static final int URNCodeValue = 0x00080120;

    /** The first item of a code sequence, or null when the sequence is absent or empty. */
    static CodedConcept first(DicomObject parent, int sequenceTag) {
        var items = parent.getSequence(sequenceTag);
        return items.isEmpty() ? null : of(items.get(0));
    }

    static CodedConcept of(DicomObject item) {
        String value = item.getString(CodeValue);
        if (value == null) {
            value = item.getString(LongCodeValue);
        }
        if (value == null) {
            value = item.getString(URNCodeValue);
        }
        return new CodedConcept(value, item.getString(CodingSchemeDesignator), item.getText(CodeMeaning));
    }

    /** True when this is the code {@code value} of scheme {@code scheme}. */
    public boolean is(String scheme, String value) {
        return value.equals(this.value) && scheme.equals(this.scheme);
    }

    @Override
    public String toString() {
        return meaning != null ? meaning : value;
    }
}
