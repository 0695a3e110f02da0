package org.raylens.overlays.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import org.raylens.overlays.figure.TextMetrics;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * {@link OverlayCanvas} on a {@link Graphics2D}: how figures become PNG, PDF and DICOM pixels. The graphics are
 * scaled by the pixel scale (DPI / 96), so the same view-unit geometry makes a sharper raster at a higher DPI, and
 * rasters from {@link #drawArgb} land one sample per device pixel (nearest neighbour, no smoothing).
 */
public final class Graphics2DCanvas implements OverlayCanvas {

    private final Graphics2D g;
    private final double width;
    private final double height;
    private final double pixelScale;
    private final Deque<Shape> clips = new ArrayDeque<>();
    private Color stroke = Color.BLACK;
    private Color fill = Color.BLACK;
    private double fontSize = 12;

    /**
     * @param g          graphics whose device pixels are the output (its transform should be the identity)
     * @param width      canvas width in view units
     * @param pixelScale device pixels per view unit
     */
    public Graphics2DCanvas(Graphics2D g, double width, double height, double pixelScale) {
        this.g = g;
        this.width = width;
        this.height = height;
        this.pixelScale = pixelScale;
        g.scale(pixelScale, pixelScale);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setStroke(new BasicStroke(1f));
        g.setFont(TextMetrics.font(fontSize));
    }

    @Override public double width() { return width; }
    @Override public double height() { return height; }
    @Override public double pixelScale() { return pixelScale; }
    @Override public void setStrokeColor(int argb) { stroke = new Color(argb, true); }
    @Override public void setFillColor(int argb) { fill = new Color(argb, true); }
    @Override public double fontSize() { return fontSize; }

    @Override
    public void setLineWidth(double w) {
        g.setStroke(new BasicStroke((float) w));
    }

    @Override
    public void setFontSize(double size) {
        fontSize = size;
        g.setFont(TextMetrics.font(size));
    }

    @Override
    public double textWidth(String text) {
        return TextMetrics.width(text, fontSize);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        g.setColor(stroke);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        g.setColor(stroke);
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeOval(double x, double y, double w, double h) {
        g.setColor(stroke);
        g.draw(new Ellipse2D.Double(x, y, w, h));
    }

    @Override
    public void fillText(String text, double x, double y, TextAlign align) {
        double w = align == TextAlign.LEFT ? 0 : textWidth(text);
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.setColor(fill);
        g.drawString(text, (float) left, (float) y);
    }

    @Override
    public void drawArgb(int[] argb, int rw, int rh, double x, double y, double w, double h) {
        BufferedImage image = new BufferedImage(rw, rh, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, rw, rh, argb, 0, rw);
        AffineTransform at = AffineTransform.getTranslateInstance(x, y);
        at.scale(w / rw, h / rh);
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        // Antialiasing would blend the raster's edge pixels with what is under them; samples must stay samples.
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.drawImage(image, at, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        Shape previous = g.getClip();
        clips.push(previous == null ? NO_CLIP : previous);
        g.clip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void popClip() {
        Shape previous = clips.pop();
        g.setClip(previous == NO_CLIP ? null : previous);
    }

    /** Stands for "no clip" on the stack (ArrayDeque holds no nulls). */
    private static final Shape NO_CLIP = new Rectangle2D.Double();
}
