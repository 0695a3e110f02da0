package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * An overlay layer the user can show, hide, fade and name. State is plain fields, not JavaFX properties, so layers
 * live in the FX-free overlays module and the same object paints the screen and every export; the app's view-models
 * wrap them and call the viewport's redraw after a change.
 *
 * <p>Not thread-safe: change a layer on one thread (the FX thread). An export running in the background reads the
 * state as it is when each paint starts.
 */
public abstract class Layer implements Overlay {

    private String label;
    private boolean visible = true;
    private double opacity = 1;

    protected Layer(String label) {
        this.label = Objects.requireNonNull(label, "label");
    }

    /** Paints the layer if it is visible and not fully transparent. */
    @Override
    public final void paint(OverlayCanvas g, ViewTransform view) {
        if (isVisible() && opacity > 0 && g.width() >= 1 && g.height() >= 1) {
            paintVisible(g, view);
        }
    }

    /** Paints the layer's content; called only when it is visible. */
    protected abstract void paintVisible(OverlayCanvas g, ViewTransform view);

    /** The name shown in the layers panel and, in exports, in the legend ("Attention, layer 12, mean of heads"). */
    public String label() {
        return label;
    }

    public void setLabel(String label) {
        this.label = Objects.requireNonNull(label, "label");
    }

    public boolean isVisible() {
        return visible;
    }

    public void setVisible(boolean visible) {
        this.visible = visible;
    }

    /** Opacity in [0, 1], multiplied into every colour the layer paints. */
    public double opacity() {
        return opacity;
    }

    public void setOpacity(double opacity) {
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("opacity must be within [0, 1]: " + opacity);
        }
        this.opacity = opacity;
    }

    /** {@code argb} with its alpha multiplied by this layer's opacity. */
    protected final int faded(int argb) {
        return withAlpha(argb, ((argb >>> 24) / 255.0) * opacity);
    }

    /** {@code argb} with alpha set to {@code alpha} (0–1). */
    protected static int withAlpha(int argb, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return a << 24 | (argb & 0xFFFFFF);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + label + "]";
    }
}
