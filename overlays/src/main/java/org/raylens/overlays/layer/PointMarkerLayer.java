package org.raylens.overlays.layer;

import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * Marks the reference point of a click-a-patch map: a ring with a cross-hair gap, drawn twice (dark, then light) so it
 * reads on any background. The point is held in source coordinates; the marker keeps its screen size at every zoom.
 */
public final class PointMarkerLayer extends Layer {

    static final double RADIUS_PX = 7;
    static final double ARM_PX = 6;

    private double sourceX = Double.NaN;
    private double sourceY = Double.NaN;
    private int colour = 0xFF00E5FF;

    public PointMarkerLayer() {
        super("Reference point");
    }

    /** Sets the marked source point. */
    public void setPoint(double sourceX, double sourceY) {
        if (!Double.isFinite(sourceX) || !Double.isFinite(sourceY)) {
            throw new IllegalArgumentException("point must be finite: " + sourceX + ", " + sourceY);
        }
        this.sourceX = sourceX;
        this.sourceY = sourceY;
    }

    /** Removes the point: nothing is drawn until the next {@link #setPoint}. */
    public void clearPoint() {
        sourceX = Double.NaN;
        sourceY = Double.NaN;
    }

    public boolean hasPoint() {
        return !Double.isNaN(sourceX);
    }

    public double sourceX() {
        return sourceX;
    }

    public double sourceY() {
        return sourceY;
    }

    public void setColour(int argb) {
        this.colour = argb | 0xFF000000;
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        if (!hasPoint()) {
            return;
        }
        double[] v = view.toView(sourceX, sourceY);
        stroke(g, v[0], v[1], 3.5, faded(0xC0000000));
        stroke(g, v[0], v[1], 1.5, faded(colour));
    }

    private static void stroke(OverlayCanvas g, double x, double y, double width, int argb) {
        g.setStrokeColor(argb);
        g.setLineWidth(width);
        g.strokeOval(x - RADIUS_PX, y - RADIUS_PX, 2 * RADIUS_PX, 2 * RADIUS_PX);
        double in = RADIUS_PX + 2;
        double out = in + ARM_PX;
        g.strokeLine(x - out, y, x - in, y);
        g.strokeLine(x + in, y, x + out, y);
        g.strokeLine(x, y - out, x, y - in);
        g.strokeLine(x, y + in, x, y + out);
    }
}
