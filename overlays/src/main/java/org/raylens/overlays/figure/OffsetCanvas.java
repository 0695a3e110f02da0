package org.raylens.overlays.figure;

import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A window onto another canvas: origin moved to (x, y), size {@code width × height}. A figure panel's overlays paint
 * on one of these exactly as they paint on the viewport, which is a canvas of the same size.
 */
final class OffsetCanvas implements OverlayCanvas {

    private final OverlayCanvas parent;
    private final double x;
    private final double y;
    private final double width;
    private final double height;

    OffsetCanvas(OverlayCanvas parent, double x, double y, double width, double height) {
        this.parent = parent;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    @Override public double width() { return width; }
    @Override public double height() { return height; }
    @Override public double pixelScale() { return parent.pixelScale(); }
    @Override public void setStrokeColor(int argb) { parent.setStrokeColor(argb); }
    @Override public void setFillColor(int argb) { parent.setFillColor(argb); }
    @Override public void setLineWidth(double w) { parent.setLineWidth(w); }
    @Override public void setFontSize(double size) { parent.setFontSize(size); }
    @Override public double fontSize() { return parent.fontSize(); }
    @Override public double textWidth(String text) { return parent.textWidth(text); }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        parent.strokeLine(x + x1, y + y1, x + x2, y + y2);
    }

    @Override
    public void fillRect(double rx, double ry, double w, double h) {
        parent.fillRect(x + rx, y + ry, w, h);
    }

    @Override
    public void strokeRect(double rx, double ry, double w, double h) {
        parent.strokeRect(x + rx, y + ry, w, h);
    }

    @Override
    public void fillText(String text, double tx, double ty, TextAlign align) {
        parent.fillText(text, x + tx, y + ty, align);
    }

    @Override
    public void drawArgb(int[] argb, int rw, int rh, double rx, double ry, double w, double h) {
        parent.drawArgb(argb, rw, rh, x + rx, y + ry, w, h);
    }

    @Override
    public void strokeOval(double ox, double oy, double w, double h) {
        parent.strokeOval(x + ox, y + oy, w, h);
    }

    @Override
    public void pushClip(double cx, double cy, double w, double h) {
        parent.pushClip(x + cx, y + cy, w, h);
    }

    @Override
    public void popClip() {
        parent.popClip();
    }
}
