package org.raylens.viewer.fx;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.raylens.viewer.overlay.OverlayCanvas;

/** {@link OverlayCanvas} on a JavaFX {@link GraphicsContext}: how overlays reach the screen. */
public final class FxOverlayCanvas implements OverlayCanvas {

    private final GraphicsContext gc;
    private final double width;
    private final double height;
    private final double pixelScale;

    public FxOverlayCanvas(GraphicsContext gc, double width, double height) {
        this(gc, width, height, 1);
    }

    /** @param pixelScale the window's render scale (2 on a HiDPI screen), so raster overlays sample finely enough */
    public FxOverlayCanvas(GraphicsContext gc, double width, double height, double pixelScale) {
        this.gc = gc;
        this.width = width;
        this.height = height;
        this.pixelScale = pixelScale > 0 && Double.isFinite(pixelScale) ? pixelScale : 1;
        gc.setTextBaseline(VPos.BASELINE);
    }

    @Override
    public double pixelScale() {
        return pixelScale;
    }

    @Override
    public void drawArgb(int[] argb, int rasterWidth, int rasterHeight, double x, double y, double w, double h) {
        WritableImage image = new WritableImage(rasterWidth, rasterHeight);
        image.getPixelWriter().setPixels(0, 0, rasterWidth, rasterHeight, PixelFormat.getIntArgbInstance(), argb, 0,
                rasterWidth);
        boolean smooth = gc.isImageSmoothing();
        gc.setImageSmoothing(false);
        gc.drawImage(image, x, y, w, h);
        gc.setImageSmoothing(smooth);
    }

    @Override
    public void strokeOval(double x, double y, double w, double h) {
        gc.strokeOval(x, y, w, h);
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        gc.save();
        gc.beginPath();
        gc.rect(x, y, w, h);
        gc.closePath();
        gc.clip();
    }

    @Override
    public void popClip() {
        gc.restore();
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
    public double fontSize() {
        return gc.getFont().getSize();
    }

    @Override
    public double textWidth(String text) {
        Text probe = new Text(text);
        probe.setFont(gc.getFont());
        return probe.getLayoutBounds().getWidth();
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
