package org.raylens.viewer.fx;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
 * <p>Geometry: {@code zoom} is view pixels per source pixel, ({@code centerX}, {@code centerY}) is the source point
 * shown at the centre of the view (so resizing the window keeps what the user looked at in the middle), and the
 * image may be turned by quarter turns and mirrored; all of it becomes one affine {@link ViewTransform}, which the
 * image, the overlays and the readout share. While the view is "fitted" (after {@link #fit()}, {@link #reset()} or
 * a new image), a resize fits again.
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
    private final ReadOnlyIntegerWrapper quarterTurns = new ReadOnlyIntegerWrapper(this, "quarterTurns");
    private final ReadOnlyBooleanWrapper flipped = new ReadOnlyBooleanWrapper(this, "flipped");
    private final ReadOnlyBooleanWrapper fitted = new ReadOnlyBooleanWrapper(this, "fitted", true);
    private final ReadOnlyObjectWrapper<ViewTransform> transform =
            new ReadOnlyObjectWrapper<>(this, "transform", ViewTransform.zoomPan(1, 0, 0));
    private final ReadOnlyObjectWrapper<PixelReadout> readout = new ReadOnlyObjectWrapper<>(this, "readout");

    /** Cached: finding the polarity renders a pixel, once per image. */
    private List<VoiWindow> anatomical = List.of();
    private DisplayableImage anatomicalFor;
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

    /** Quarter turns clockwise (0–3) the image is displayed with. */
    public ReadOnlyIntegerProperty quarterTurnsProperty() {
        return quarterTurns.getReadOnlyProperty();
    }

    /** True when the display is mirrored left-right (after the rotation). */
    public ReadOnlyBooleanProperty flippedProperty() {
        return flipped.getReadOnlyProperty();
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

    /**
     * The presets the number keys select, in key order (1 = first): the file's own, then lung, soft tissue and bone
     * ({@link AnatomicalPresets}).
     */
    public List<VoiWindow> presets() {
        DisplayableImage img = image.get();
        if (img == null || img.isColor()) {
            return List.of();
        }
        if (anatomicalFor != img) {
            anatomical = AnatomicalPresets.of(img);
            anatomicalFor = img;
        }
        List<VoiWindow> all = new java.util.ArrayList<>(img.presets());
        all.addAll(anatomical);
        return List.copyOf(all);
    }

    /**
     * Shows the same part of the image as {@code other}: zoom, pan centre, rotation and flip. Side-by-side compare
     * links two viewports with it.
     */
    public void matchView(ViewportModel other) {
        zoom.set(other.zoom.get());
        centerX.set(other.centerX.get());
        centerY.set(other.centerY.get());
        quarterTurns.set(other.quarterTurns.get());
        flipped.set(other.flipped.get());
        fitted.set(other.fitted.get());
        if (fitted.get()) {
            applyFit();
        }
        updateTransform();
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
        zoom.set(clamp(zoom.get() * factor, MIN_ZOOM, MAX_ZOOM));
        // Keep (sx, sy) at (vx, vy): source = centre + M·(v − view centre), so centre = s − M·(v − view centre).
        double[] m = viewToSourceLinear();
        double ox = vx - viewWidth / 2;
        double oy = vy - viewHeight / 2;
        centerX.set(sx - (m[0] * ox + m[1] * oy));
        centerY.set(sy - (m[2] * ox + m[3] * oy));
        fitted.set(false);
        updateTransform();
    }

    /** Moves the image with the mouse: the content follows a drag of (dvx, dvy) view pixels. */
    public void panBy(double dvx, double dvy) {
        double[] m = viewToSourceLinear();
        centerX.set(centerX.get() - (m[0] * dvx + m[1] * dvy));
        centerY.set(centerY.get() - (m[2] * dvx + m[3] * dvy));
        fitted.set(false);
        updateTransform();
    }

    /** Turns the displayed image a quarter turn clockwise about the view centre. */
    public void rotateClockwise() {
        quarterTurns.set((quarterTurns.get() + 1) % 4);
        orientationChanged();
    }

    /** Turns the displayed image a quarter turn counter-clockwise about the view centre. */
    public void rotateCounterClockwise() {
        quarterTurns.set((quarterTurns.get() + 3) % 4);
        orientationChanged();
    }

    /** Mirrors the displayed image left-right about the view centre. */
    public void flipHorizontal() {
        flipped.set(!flipped.get());
        orientationChanged();
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

    /** Back to how the image opened: default window, not inverted, not rotated or flipped, fitted. */
    public void reset() {
        selectDefaultWindow();
        invert.set(false);
        quarterTurns.set(0);
        flipped.set(false);
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
        boolean sideways = quarterTurns.get() % 2 == 1;
        double shownWidth = sideways ? img.height() : img.width();
        double shownHeight = sideways ? img.width() : img.height();
        if (viewWidth > 0 && viewHeight > 0) {
            zoom.set(clamp(Math.min(viewWidth / shownWidth, viewHeight / shownHeight), MIN_ZOOM, MAX_ZOOM));
        }
    }

    private void orientationChanged() {
        if (fitted.get()) {
            applyFit();
        }
        updateTransform();
    }

    /**
     * The linear part M of the view → source map, row-major {m00, m01, m10, m11}: source = centre + M·(v − view
     * centre). Source → view is zoom · F · R (R: quarter turns clockwise on screen, F: left-right mirror applied after
     * it), so M = (1/zoom) · Rᵀ · F.
     */
    private double[] viewToSourceLinear() {
        double f = flipped.get() ? -1 : 1;
        double k = 1 / zoom.get();
        return switch (quarterTurns.get()) {
            case 1 -> new double[] {0, k, -k * f, 0};
            case 2 -> new double[] {-k * f, 0, 0, -k};
            case 3 -> new double[] {0, -k, k * f, 0};
            default -> new double[] {k * f, 0, 0, k};
        };
    }

    private void updateTransform() {
        double[] m = viewToSourceLinear();
        double cx = viewWidth / 2;
        double cy = viewHeight / 2;
        transform.set(new ViewTransform(m[0], m[1], centerX.get() - m[0] * cx - m[1] * cy,
                m[2], m[3], centerY.get() - m[2] * cx - m[3] * cy));
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
