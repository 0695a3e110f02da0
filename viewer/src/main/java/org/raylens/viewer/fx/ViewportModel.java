package org.raylens.viewer.fx;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * The state of one viewport — which image, how it is zoomed and panned, which VOI window, inverted or not, and what
 * lies under the cursor — as JavaFX properties with no reference to any control, so every interaction can be tested
 * without a window. The {@link Viewport} translates mouse and keys into the methods here and redraws from the
 * properties; anything else (a status bar, a benchmark, an exporter) reads the same properties.
 *
 * <p>Geometry: {@code zoom} is view pixels per source pixel and ({@code centerX}, {@code centerY}) is the source
 * point shown at the centre of the view, so resizing the window keeps what the user looked at in the middle. While
 * the view is "fitted" (after {@link #fit()}, {@link #reset()} or a new image), a resize fits again.
 *
 * <p>Not thread-safe: use it from one thread (the FX thread once it is bound to a view).
 */
public final class ViewportModel {

    public static final double MIN_ZOOM = 1.0 / 64;
    public static final double MAX_ZOOM = 64;

    /**
     * Window/level drag sensitivity: one view pixel of drag moves the width or the centre by this fraction of the
     * image's modality range, so a 12-bit radiograph and an 8-bit PNG feel the same under the mouse.
     */
    public static final double WINDOW_FRACTION_PER_PIXEL = 1.0 / 512;

    /** Name given to a window the user dragged to, so a status bar does not keep showing a preset's name. */
    public static final String MANUAL_WINDOW_NAME = "Manual";

    private final ObjectProperty<DisplayableImage> image = new SimpleObjectProperty<>(this, "image");
    private final ObjectProperty<VoiWindow> window = new SimpleObjectProperty<>(this, "window");
    private final BooleanProperty invert = new SimpleBooleanProperty(this, "invert");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
    private final ReadOnlyDoubleWrapper centerX = new ReadOnlyDoubleWrapper(this, "centerX");
    private final ReadOnlyDoubleWrapper centerY = new ReadOnlyDoubleWrapper(this, "centerY");
    private final ReadOnlyBooleanWrapper fitted = new ReadOnlyBooleanWrapper(this, "fitted", true);
    private final ReadOnlyObjectWrapper<ViewTransform> transform =
            new ReadOnlyObjectWrapper<>(this, "transform", ViewTransform.zoomPan(1, 0, 0));
    private final ReadOnlyObjectWrapper<PixelReadout> readout = new ReadOnlyObjectWrapper<>(this, "readout");

    private double viewWidth;
    private double viewHeight;
    private boolean pointerInside;
    private double pointerX;
    private double pointerY;

    public ViewportModel() {
        image.addListener((obs, old, now) -> reset());
    }

    // ---- properties -------------------------------------------------------------------------------------------

    public ObjectProperty<DisplayableImage> imageProperty() {
        return image;
    }

    public DisplayableImage getImage() {
        return image.get();
    }

    public void setImage(DisplayableImage newImage) {
        image.set(newImage);
    }

    /** The VOI window in modality units; null only while there is no image. */
    public ObjectProperty<VoiWindow> windowProperty() {
        return window;
    }

    public VoiWindow getWindow() {
        return window.get();
    }

    public BooleanProperty invertProperty() {
        return invert;
    }

    public boolean isInvert() {
        return invert.get();
    }

    /** View pixels per source pixel (1 = actual pixels). */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double getZoom() {
        return zoom.get();
    }

    /** Source x shown at the centre of the view (the pan position). */
    public ReadOnlyDoubleProperty centerXProperty() {
        return centerX.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty centerYProperty() {
        return centerY.getReadOnlyProperty();
    }

    /** True while the image is fitted to the view (a resize then fits again). */
    public ReadOnlyBooleanProperty fittedProperty() {
        return fitted.getReadOnlyProperty();
    }

    /** The view → source map the image and the overlays are drawn with; replaced whenever zoom, pan or size change. */
    public ReadOnlyObjectProperty<ViewTransform> transformProperty() {
        return transform.getReadOnlyProperty();
    }

    public ViewTransform getTransform() {
        return transform.get();
    }

    /** The pixel under the cursor, or null when the cursor is outside the image or the view. */
    public ReadOnlyObjectProperty<PixelReadout> readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    public PixelReadout getReadout() {
        return readout.get();
    }

    public double viewWidth() {
        return viewWidth;
    }

    public double viewHeight() {
        return viewHeight;
    }

    /** The presets the number keys select, in key order (1 = first). */
    public List<VoiWindow> presets() {
        DisplayableImage img = image.get();
        return img == null || img.isColor() ? List.of() : img.presets();
    }

    // ---- geometry ---------------------------------------------------------------------------------------------

    /** Called by the view when it is laid out at a new size (view pixels). */
    public void setViewSize(double width, double height) {
        if (width == viewWidth && height == viewHeight) {
            return;
        }
        viewWidth = Math.max(0, width);
        viewHeight = Math.max(0, height);
        if (fitted.get()) {
            applyFit();
        }
        updateTransform();
    }

    /** Fits the whole image in the view, centred, and keeps fitting on resize. */
    public void fit() {
        applyFit();
        fitted.set(true);
        updateTransform();
    }

    /** One source pixel per view pixel, keeping the point at the view centre where it is. */
    public void actualPixels() {
        zoom.set(1);
        fitted.set(false);
        updateTransform();
    }

    /**
     * Multiplies the zoom by {@code factor} (clamped to [{@link #MIN_ZOOM}, {@link #MAX_ZOOM}]) so that the source
     * point under view position (vx, vy) stays under it.
     */
    public void zoomAbout(double vx, double vy, double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            return;
        }
        ViewTransform before = transform.get();
        double sx = before.toSourceX(vx, vy);
        double sy = before.toSourceY(vx, vy);
        double newZoom = clamp(zoom.get() * factor, MIN_ZOOM, MAX_ZOOM);
        // Keep (sx, sy) at (vx, vy): sx = (vx - w/2) / zoom + centerX.
        centerX.set(sx - (vx - viewWidth / 2) / newZoom);
        centerY.set(sy - (vy - viewHeight / 2) / newZoom);
        zoom.set(newZoom);
        fitted.set(false);
        updateTransform();
    }

    /** Moves the image with the mouse: the content follows a drag of (dvx, dvy) view pixels. */
    public void panBy(double dvx, double dvy) {
        centerX.set(centerX.get() - dvx / zoom.get());
        centerY.set(centerY.get() - dvy / zoom.get());
        fitted.set(false);
        updateTransform();
    }

    // ---- VOI ----------------------------------------------------------------------------------------------------

    /**
     * Window/level by drag: dragging right widens the window (less contrast), dragging down raises the centre (a
     * darker MONOCHROME2 image), each by {@link #WINDOW_FRACTION_PER_PIXEL} of the modality range per view pixel.
     * Colour images have no VOI and are left alone.
     */
    public void adjustWindow(double dvx, double dvy) {
        DisplayableImage img = image.get();
        VoiWindow current = window.get();
        if (img == null || img.isColor() || current == null) {
            return;
        }
        double range = modalityRange(img);
        double step = range * WINDOW_FRACTION_PER_PIXEL;
        double width = Math.max(current.width() + dvx * step, minimumWidth(range));
        double center = clamp(current.center() + dvy * step,
                img.minModalityValue() - range, img.maxModalityValue() + range);
        window.set(new VoiWindow(center, width, current.function(), MANUAL_WINDOW_NAME));
    }

    /**
     * Selects the file's preset number {@code oneBased} (the number key pressed).
     *
     * @return false when the image has no such preset (the window is then unchanged)
     */
    public boolean selectPreset(int oneBased) {
        List<VoiWindow> list = presets();
        if (oneBased < 1 || oneBased > list.size()) {
            return false;
        }
        window.set(list.get(oneBased - 1));
        return true;
    }

    /** The window the image opened with. */
    public void selectDefaultWindow() {
        DisplayableImage img = image.get();
        window.set(img == null ? null : img.defaultWindow());
    }

    public void toggleInvert() {
        invert.set(!invert.get());
    }

    /** Back to how the image opened: default window, not inverted, fitted. */
    public void reset() {
        selectDefaultWindow();
        invert.set(false);
        fit();
    }

    // ---- readout ----------------------------------------------------------------------------------------------

    /** The cursor is at view position (vx, vy). */
    public void pointerMoved(double vx, double vy) {
        pointerInside = true;
        pointerX = vx;
        pointerY = vy;
        updateReadout();
    }

    public void pointerExited() {
        pointerInside = false;
        updateReadout();
    }

    private void updateReadout() {
        DisplayableImage img = image.get();
        if (!pointerInside || img == null) {
            readout.set(null);
            return;
        }
        ViewTransform t = transform.get();
        double sx = t.toSourceX(pointerX, pointerY);
        double sy = t.toSourceY(pointerX, pointerY);
        int ix = (int) Math.floor(sx);
        int iy = (int) Math.floor(sy);
        if (sx < 0 || sy < 0 || ix >= img.width() || iy >= img.height()) {
            readout.set(null);
            return;
        }
        PixelReadout now = new PixelReadout(ix, iy, img.modalityValue(ix, iy), img.modalityUnit());
        if (!now.equals(readout.get())) {
            readout.set(now);
        }
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private void applyFit() {
        DisplayableImage img = image.get();
        if (img == null || img.width() <= 0 || img.height() <= 0) {
            zoom.set(1);
            centerX.set(0);
            centerY.set(0);
            return;
        }
        centerX.set(img.width() / 2.0);
        centerY.set(img.height() / 2.0);
        if (viewWidth > 0 && viewHeight > 0) {
            zoom.set(clamp(Math.min(viewWidth / img.width(), viewHeight / img.height()), MIN_ZOOM, MAX_ZOOM));
        }
    }

    private void updateTransform() {
        double z = zoom.get();
        transform.set(ViewTransform.zoomPan(z, centerX.get() - viewWidth / (2 * z),
                centerY.get() - viewHeight / (2 * z)));
        updateReadout();
    }

    private static double modalityRange(DisplayableImage img) {
        double range = img.maxModalityValue() - img.minModalityValue();
        return range > 0 && Double.isFinite(range) ? range : 1;
    }

    /** Narrowest window a drag may reach: a 1/4096 of the range, small enough for any real use, never zero. */
    private static double minimumWidth(double range) {
        return range / 4096;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
