package org.raylens.viewer.derived;

/**
 * One segment of a DICOM Segmentation (an item of the Segment Sequence, PS3.3 C.8.20.4): its number, label, what it
 * is (category and type codes) and the colour its maker recommends, already converted to sRGB.
 *
 * @param category  Segmented Property Category (e.g. "Tissue"); null when absent
 * @param type      Segmented Property Type (e.g. "Liver"); null when absent
 * @param cieLab    the Recommended Display CIELab Value as stored (scaled 0–0xFFFF), or null when absent
 * @param argb      the display colour: {@code cieLab} as sRGB, or a fallback picked by segment number
 */
public record Segment(int number, String label, String description, CodedConcept category, CodedConcept type,
        String algorithmType, int[] cieLab, int argb) {

    /** A few well-separated colours for segments without a recommended one. */
    private static final int[] FALLBACK = {0xFFE6194B, 0xFF3CB44B, 0xFFFFE119, 0xFF4363D8, 0xFFF58231, 0xFF911EB4,
        0xFF46F0F0, 0xFFF032E6};

    static int fallbackColour(int number) {
        return FALLBACK[Math.floorMod(number - 1, FALLBACK.length)];
    }

    /** The label, or the type's meaning, or "Segment n". */
    public String displayName() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        return type != null ? type.toString() : "Segment " + number;
    }

    /** "#rrggbb" of the display colour. */
    public String cssColour() {
        return String.format("#%06x", argb & 0xFFFFFF);
    }
}
