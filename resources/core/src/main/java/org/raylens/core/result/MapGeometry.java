package org.raylens.core.result;

/**
 * How a patch grid maps back to the source image through the preprocessing (resize, then centre crop, then patches).
 * Source pixel coordinates have (0,0) at the top-left corner of the top-left pixel.
 *
 * <p>The source image is resized to {@code resizedWidth × resizedHeight} (per-axis factors, since integer rounding
 * of the long side makes them differ slightly), a {@code inputWidth × inputHeight} window is cut at
 * ({@code cropLeft}, {@code cropTop}), and the model sees {@code rows × cols} patches of {@code patchSize} pixels from
 * the window's top-left; any remainder of the window and everything outside it was not seen by the model.
 */
public record MapGeometry(int sourceWidth, int sourceHeight, int resizedWidth, int resizedHeight, int cropLeft,
        int cropTop, int inputWidth, int inputHeight, int patchSize, int rows, int cols) {

    public MapGeometry {
        if (sourceWidth <= 0 || sourceHeight <= 0 || resizedWidth <= 0 || resizedHeight <= 0 || patchSize <= 0
                || rows <= 0 || cols <= 0 || rows * patchSize > inputHeight || cols * patchSize > inputWidth) {
            throw new IllegalArgumentException("inconsistent map geometry: " + this);
        }
    }

    /** Geometry for an input given directly to the model (no resize, no crop): source = input. */
    public static MapGeometry identity(int width, int height, int patchSize) {
        return new MapGeometry(width, height, width, height, 0, 0, width, height, patchSize, height / patchSize,
                width / patchSize);
    }

    /** Source x of a model-input x coordinate (continuous). */
    public double inputToSourceX(double inputX) {
        return (inputX + cropLeft) * sourceWidth / (double) resizedWidth;
    }

    /** Source y of a model-input y coordinate (continuous). */
    public double inputToSourceY(double inputY) {
        return (inputY + cropTop) * sourceHeight / (double) resizedHeight;
    }

    /** Model-input x of a source x coordinate (continuous; may fall outside the input). */
    public double sourceToInputX(double sourceX) {
        return sourceX * resizedWidth / (double) sourceWidth - cropLeft;
    }

    /** Model-input y of a source y coordinate (continuous; may fall outside the input). */
    public double sourceToInputY(double sourceY) {
        return sourceY * resizedHeight / (double) sourceHeight - cropTop;
    }

    /** The source rectangle the patch grid covers, as {x0, y0, x1, y1}: everything outside was not seen. */
    public double[] seenSourceRect() {
        return new double[] {inputToSourceX(0), inputToSourceY(0), inputToSourceX(cols * patchSize),
            inputToSourceY(rows * patchSize)};
    }

    /** The patch (row, col) under a source point, or null when the model did not see that point. */
    public int[] patchAt(double sourceX, double sourceY) {
        double x = sourceToInputX(sourceX);
        double y = sourceToInputY(sourceY);
        if (x < 0 || y < 0 || x >= cols * patchSize || y >= rows * patchSize) {
            return null;
        }
        return new int[] {(int) (y / patchSize), (int) (x / patchSize)};
    }
}
