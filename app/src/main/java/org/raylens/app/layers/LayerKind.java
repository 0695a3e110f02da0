package org.raylens.app.layers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;

/**
 * The overlay layers the panel offers, in painting order (first is drawn lowest). Each kind an explanation method
 * fills names that method in the {@link Explainers} registry and takes its title from there, so the panel, the
 * command line and the exported figures call a method by one name. (The rows stay a fixed list: the window's
 * analysis computes exactly these; a method registered from outside runs on the command line.)
 */
public enum LayerKind {
    ATTENTION("attention", true),
    ROLLOUT("rollout", true),
    POINT("point", true),
    GRADCAM("gradcam", true),
    PCA("pca", false),
    MASK(null, false);

    private final String method;
    private final String title;
    private final boolean scalar;

    LayerKind(String method, boolean scalar) {
        this.method = method;
        this.title = method == null ? "Segmentation mask" : Explainers.builtIn().stream()
                .filter(e -> e.name().equals(method)).map(Explainer::displayName).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in explainer '" + method + "'"));
        this.scalar = scalar;
    }

    /** The registry name of the method that fills this kind; empty for the segmentation mask. */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** The kind a method's maps are shown as, if the window has one for it. */
    public static Optional<LayerKind> forMethod(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> m.equals(k.method)).findFirst();
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
