package org.raylens.viewer.fx;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.raylens.viewer.overlay.OverlayCanvas;

/** {@link OverlayCanvas} on a JavaFX {@link GraphicsContext}: how overlays reach the screen. */
public final class FxOverlayCanvas implements OverlayCanvas {

    private final GraphicsContext gc;
    private final double width;
    private final double height;

    public FxOverlayCanvas(GraphicsContext gc, double width, double height) {
        this.gc = gc;
        this.width = width;
        this.height = height;
        gc.setTextBaseline(VPos.BASELINE);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void setStrokeColor(int argb) {
        gc.setStroke(toColor(argb));
    }

    @Override
    public void setFillColor(int argb) {
        gc.setFill(toColor(argb));
    }

    @Override
    public void setLineWidth(double lineWidth) {
        gc.setLineWidth(lineWidth);
    }

    @Override
    public void setFontSize(double size) {
        gc.setFont(Font.font(size));
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        gc.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        gc.strokeRect(x, y, w, h);
    }

    @Override
    public void fillText(String text, double x, double y, TextAlign align) {
        gc.setTextAlign(switch (align) {
            case LEFT -> TextAlignment.LEFT;
            case CENTER -> TextAlignment.CENTER;
            case RIGHT -> TextAlignment.RIGHT;
        });
        gc.fillText(text, x, y);
    }

    static Color toColor(int argb) {
        return Color.rgb((argb >>> 16) & 0xFF, (argb >>> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }
}
