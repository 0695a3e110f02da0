package org.raylens.viewer.overlay;

import org.raylens.viewer.image.ViewTransform;

/**
 * Something drawn on top of an image: a scale bar, orientation labels, later heatmaps and masks. An overlay knows
 * its geometry in IMAGE coordinates and uses the {@link ViewTransform} it is given to place it; it draws through an
 * {@link OverlayCanvas}, so the very same call paints the screen (an FX canvas) and, later, an exported figure
 * (Graphics2D, SVG). That single paint path is what keeps a figure identical to the screen.
 *
 * <p>FX-free on purpose: overlays must be paintable by the CLI and by export code that has no JavaFX toolkit.
 */
@FunctionalInterface
public interface Overlay {

    /**
     * Paints this overlay.
     *
     * @param g    the surface, in view coordinates ({@code g.width() × g.height()} view pixels)
     * @param view the map from view to source-image coordinates that the image underneath was rendered with
     */
    void paint(OverlayCanvas g, ViewTransform view);
}
