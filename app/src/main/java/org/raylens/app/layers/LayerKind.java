package org.raylens.app.layers;

/** The overlay layers the panel offers, in painting order (first is drawn lowest). */
public enum LayerKind {
    ATTENTION("Attention (CLS)", true),
    ROLLOUT("Attention rollout", true),
    POINT("Click-a-patch attention", true),
    GRADCAM("Grad-CAM", true),
    PCA("PCA of patch tokens (RGB)", false),
    MASK("Segmentation mask", false);

    private final String title;
    private final boolean scalar;

    LayerKind(String title, boolean scalar) {
        this.title = title;
        this.scalar = scalar;
    }

    public String title() {
        return title;
    }

    /**
     * The colormap a new layer of this kind starts with: Grad-CAM keeps the jet colouring its readers know, the
     * others the user's default. The window and {@code raylens explain --out map.png} both start from this.
     */
    public String defaultColormap(String userDefault) {
        return this == GRADCAM ? "jet" : userDefault;
    }

    /** True for one-channel maps shown through a colormap (with a colorbar and threshold). */
    public boolean scalar() {
        return scalar;
    }
}
