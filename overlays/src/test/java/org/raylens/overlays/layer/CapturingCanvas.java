package org.raylens.overlays.layer;

import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.overlay.OverlayCanvas;

/** Records what a layer draws: rasters as given, rectangles and lines as numbers, for assertions. */
public final class CapturingCanvas implements OverlayCanvas {

    public record Raster(int[] argb, int width, int height, double x, double y, double w, double h) {
        int at(int i, int j) {
            return argb[j * width + i];
        }
    }

    public final double width;
    public final double height;
    public final double scale;
    public final List<Raster> rasters = new ArrayList<>();
    public final List<double[]> filledRects = new ArrayList<>();
    public final List<double[]> lines = new ArrayList<>();
    public final List<String> texts = new ArrayList<>();
    public final List<double[]> ovals = new ArrayList<>();
    public int fill;
    public double font = 12;

    public CapturingCanvas(double width, double height) {
        this(width, height, 1);
    }

    public CapturingCanvas(double width, double height, double scale) {
        this.width = width;
        this.height = height;
        this.scale = scale;
    }

    public Raster onlyRaster() {
        if (rasters.size() != 1) {
            throw new AssertionError("expected one raster, got " + rasters.size());
        }
        return rasters.get(0);
    }

    @Override public double width() { return width; }
    @Override public double height() { return height; }
    @Override public double pixelScale() { return scale; }
    @Override public void setStrokeColor(int argb) { }
    @Override public void setFillColor(int argb) { fill = argb; }
    @Override public void setLineWidth(double w) { }
    @Override public void setFontSize(double size) { font = size; }
    @Override public double fontSize() { return font; }
    @Override public void strokeLine(double x1, double y1, double x2, double y2) { lines.add(new double[] {x1, y1, x2, y2}); }
    @Override public void fillRect(double x, double y, double w, double h) { filledRects.add(new double[] {x, y, w, h, fill}); }
    @Override public void strokeRect(double x, double y, double w, double h) { }
    @Override public void fillText(String text, double x, double y, TextAlign align) { texts.add(text); }

    @Override
    public void strokeOval(double x, double y, double w, double h) {
        ovals.add(new double[] {x, y, w, h});
    }

    @Override
    public void drawArgb(int[] argb, int rw, int rh, double x, double y, double w, double h) {
        rasters.add(new Raster(argb.clone(), rw, rh, x, y, w, h));
    }
}
