package org.raylens.viewer.image;

/** A VOI window in modality units, with the function that maps it and the name the file or user gave it. */
public record VoiWindow(double center, double width, VoiFunction function, String name) {

    public VoiWindow {
        if (!(width > 0) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("window width must be > 0 and centre finite: c=" + center
                    + " w=" + width);
        }
    }

    public static VoiWindow linear(double center, double width, String name) {
        return new VoiWindow(center, width, VoiFunction.LINEAR, name);
    }

    public VoiWindow withCenterWidth(double newCenter, double newWidth) {
        return new VoiWindow(newCenter, Math.max(newWidth, 1e-6), function, name);
    }
}
