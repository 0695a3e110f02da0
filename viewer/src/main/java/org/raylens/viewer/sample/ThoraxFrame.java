package org.raylens.viewer.sample;

/**
 * Where the synthetic thorax sits in the image, and the unit conversions every part of the phantom shares.
 * Anatomy is described in normalised thorax coordinates: X runs from the midline (0) to the lateral chest wall
 * (±1; negative is the image's left, the patient's right, as a PA film is viewed) and Y from the lung apices (0) to
 * the diaphragm domes (about 0.8). Keeping shapes in these units lets the image size change without the anatomy
 * changing; lengths that must stay physical (rib width, vessel radius) are in millimetres.
 *
 * @param columns          image width in pixels
 * @param rows             image height in pixels
 * @param spacingMm        pixel spacing in millimetres (square pixels)
 * @param centreX          midline column, in pixels
 * @param apexY            row of the lung apices, in pixels
 * @param halfThoraxPx     pixels per X unit (half the thorax width)
 * @param lungHeightPx     pixels per Y unit (apex to diaphragm)
 */
record ThoraxFrame(int columns, int rows, double spacingMm, double centreX, double apexY, double halfThoraxPx,
        double lungHeightPx) {

    static ThoraxFrame of(int columns, int rows, double spacingMm, double inspiration) {
        double halfThorax = 0.39 * columns;
        // A fuller breath lowers the diaphragm: the apex stays, the apex-to-dome distance grows.
        double lungHeight = Math.min(0.68 * rows, 1.98 * halfThorax) * inspiration;
        return new ThoraxFrame(columns, rows, spacingMm, columns / 2.0, 0.10 * rows, halfThorax, lungHeight);
    }

    double toX(double column) {
        return (column - centreX) / halfThoraxPx;
    }

    double toY(double row) {
        return (row - apexY) / lungHeightPx;
    }

    double column(double x) {
        return centreX + x * halfThoraxPx;
    }

    double row(double y) {
        return apexY + y * lungHeightPx;
    }

    /** Millimetres per X unit. */
    double mmPerX() {
        return halfThoraxPx * spacingMm;
    }

    /** Millimetres per Y unit. */
    double mmPerY() {
        return lungHeightPx * spacingMm;
    }

    double pxPerMm() {
        return 1.0 / spacingMm;
    }
}
