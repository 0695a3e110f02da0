package org.raylens.app.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;

/**
 * What one row of the layers panel shows: the maps of one explanation method of the {@link Explainers} registry, or
 * the segmentation mask. A method's kind takes everything the panel needs from the explainer itself (title,
 * scalar or RGB, default colormap), so a method registered through ServiceLoader becomes a row with no UI code.
 * The constants name the built-in methods the window drives itself (the attention layer chooser, click-a-patch,
 * Grad-CAM per class); two kinds are equal when they name the same method.
 *
 * @param id     the method's registry name ("attention", "toy-norm"), or "mask"
 * @param method the registry name of the method that fills this kind; empty for the segmentation mask
 */
public record LayerKind(String id, Optional<String> method, String title, boolean scalar,
                        Optional<String> colormap) {

    public static final LayerKind ATTENTION = builtIn("attention");
    public static final LayerKind ROLLOUT = builtIn("rollout");
    public static final LayerKind POINT = builtIn("point");
    public static final LayerKind GRADCAM = builtIn("gradcam");
    public static final LayerKind PCA = builtIn("pca");
    public static final LayerKind MASK = new LayerKind("mask", Optional.empty(), "Segmentation mask", false,
            Optional.empty());

    /** The kind of one explainer's maps. */
    public static LayerKind of(Explainer e) {
        String name = e.name().toLowerCase(Locale.ROOT);
        return new LayerKind(name, Optional.of(name), e.displayName(), e.scalar(), e.defaultColormap());
    }

    private static LayerKind builtIn(String method) {
        return of(Explainers.builtIn().stream().filter(e -> e.name().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no built-in explainer '" + method + "'")));
    }

    /**
     * The rows of the window, in painting order (first is drawn lowest): one per registered method an Analyse runs
     * (needing neither a head nor a point), with the window's click-a-patch and Grad-CAM in their registry places,
     * then the mask.
     */
    public static List<LayerKind> forWindow(Explainers explainers) {
        List<LayerKind> kinds = new ArrayList<>();
        for (Explainer e : explainers.all()) {
            LayerKind k = of(e);
            boolean analysed = !e.needsHead() && !e.needsPoint();
            if (analysed || k.equals(POINT) || k.equals(GRADCAM)) {
                kinds.add(k);
            }
        }
        kinds.add(MASK);
        return List.copyOf(kinds);
    }

    /** The kind a method's maps are shown as, if the registry knows the method. */
    public static Optional<LayerKind> forMethod(String method) {
        return Explainers.load().find(method).map(LayerKind::of);
    }

    /** True for a kind whose maps one Analyse computes (not click-a-patch, Grad-CAM or the mask). */
    public boolean analysed() {
        return method.isPresent() && !equals(POINT) && !equals(GRADCAM);
    }

    /**
     * The colormap a new layer of this kind starts with: the method's own (Grad-CAM keeps jet), else the user's
     * default. The window and {@code raylens explain --out map.png} both start from this.
     */
    public String defaultColormap(String userDefault) {
        return colormap.orElse(userDefault);
    }

    /** The id as a node id part: letters, digits and '-' ("gradcam++" becomes "gradcam--"). */
    public String nodeId() {
        return id.replaceAll("[^a-z0-9-]", "-");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerKind k && k.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
