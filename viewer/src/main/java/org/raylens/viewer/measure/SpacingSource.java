package org.raylens.viewer.measure;

/** Where a measurement's millimetres come from, said next to every length so a reader knows what it means. */
public enum SpacingSource {
    /** Pixel Spacing (0028,0030): in the patient (or calibrated) plane. */
    PIXEL_SPACING("Pixel Spacing"),
    /** Imager Pixel Spacing (0018,1164): at the detector, so a projection radiograph's anatomy is magnified. */
    IMAGER_PIXEL_SPACING("Imager Pixel Spacing, at detector"),
    /** Neither: lengths in pixels. */
    NONE("no pixel spacing");

    private final String description;

    SpacingSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
