package org.raylens.viewer.dicom;

/**
 * DICOM value representations (PS3.5 §6.2). {@link #hasLongHeader()} tells how explicit-VR encodings lay out the
 * length field: a 2-byte length for short VRs, two reserved bytes and a 4-byte length for the rest.
 */
public enum VR {
    AE, AS, AT, CS, DA, DS, DT, FL, FD, IS, LO, LT, OB(true), OD(true), OF(true), OL(true), OV(true), OW(true),
    PN, SH, SL, SQ(true), SS, ST, SV(true), TM, UC(true), UI, UL, UN(true), UR(true), US, UT(true), UV(true);

    private final boolean longHeader;

    VR() {
        this(false);
    }

    VR(boolean longHeader) {
        this.longHeader = longHeader;
    }

    /** True when explicit VR encodings use 2 reserved bytes and a 32-bit length for this VR. */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** True for VRs whose value is text in the dataset's character set (or in ASCII for the rest). */
    public boolean isText() {
        return switch (this) {
            case AE, AS, CS, DA, DS, DT, IS, LO, LT, PN, SH, ST, TM, UC, UI, UR, UT -> true;
            default -> false;
        };
    }

    /** True for text VRs whose value is decoded with Specific Character Set (the others are always ASCII). */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case LO, LT, PN, SH, ST, UC, UT -> true;
            default -> false;
        };
    }

    /**
     * The VR for a two-character code as it appears in an explicit-VR stream, or null when the two bytes name no VR.
     */
    public static VR fromCode(int b0, int b1) {
        if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') {
            return null;
        }
        String code = new String(new char[] {(char) b0, (char) b1});
        for (VR vr : values()) {
            if (vr.name().equals(code)) {
                return vr;
            }
        }
        return null;
    }
}
