package org.raylens.inference.preprocess;

import org.raylens.core.result.MapGeometry;

/**
 * Where the model input came from in the source image: the source was resized to {@code resizedWidth ×
 * resizedHeight}, then an {@code inputWidth × inputHeight} window was cut at ({@code cropLeft}, {@code cropTop}).
 * With the model's patch size this becomes the {@link MapGeometry} that places a patch-grid map back on the source.
 */
public record ResizeCrop(int sourceWidth, int sourceHeight, int resizedWidth, int resizedHeight, int cropLeft,
        int cropTop, int inputWidth, int inputHeight) {

    public ResizeCrop {
        if (sourceWidth <= 0 || sourceHeight <= 0 || resizedWidth <= 0 || resizedHeight <= 0 || cropLeft < 0
                || cropTop < 0 || inputWidth <= 0 || inputHeight <= 0 || cropLeft + inputWidth > resizedWidth
                || cropTop + inputHeight > resizedHeight) {
            throw new IllegalArgumentException("inconsistent resize/crop: " + sourceWidth + "x" + sourceHeight + " → "
                    + resizedWidth + "x" + resizedHeight + ", crop " + inputWidth + "x" + inputHeight + " at ("
                    + cropLeft + ", " + cropTop + ")");
        }
    }

    /** No resize and no crop: the input is the source. */
    public static ResizeCrop identity(int width, int height) {
        return new ResizeCrop(width, height, width, height, 0, 0, width, height);
    }

    /** The map geometry of a model with {@code patchSize}-pixel patches reading this input. */
    public MapGeometry toMapGeometry(int patchSize) {
        return new MapGeometry(sourceWidth, sourceHeight, resizedWidth, resizedHeight, cropLeft, cropTop, inputWidth,
                inputHeight, patchSize, inputHeight / patchSize, inputWidth / patchSize);
    }
}
