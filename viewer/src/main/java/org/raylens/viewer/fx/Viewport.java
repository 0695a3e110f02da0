package org.raylens.viewer.fx;

import java.lang.System.Logger.Level;
import java.nio.IntBuffer;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.measure.MeasureTool;
import org.raylens.viewer.overlay.Overlay;

/**
 * The image viewport: shows a {@link ViewportModel}'s image through its {@link ViewTransform} and turns mouse and
 * keys into model calls (wheel = zoom about the cursor, left drag = pan, right drag = window/level, keys as in
 * {@link ViewportKeys}). It is a thin view: all state lives in the model.
 *
 * <p>Rendering costs the screen's pixels, not the image's: the image renders only the visible view-size buffer, a
 * {@link PixelBuffer} shared with an {@link ImageView} (no copy), and overlays paint on a transparent canvas above it
 * through the FX-free {@link Overlay} path. Redraws are coalesced to at most one per pulse: model changes only mark
 * the view dirty and request a layout; the render happens in {@link #layoutChildren()}, which JavaFX runs once per
 * pulse, and also before a {@code snapshot}, so a snapshot always shows the current state. An overlay change repaints
 * the overlays without re-rendering the image.
 */
public class Viewport extends Region {

    private static final System.Logger LOG = System.getLogger(Viewport.class.getName());

    /** Opaque near-black outside the image, distinguishable from a black image edge only by the eye's context. */
    public static final int BACKGROUND_ARGB = 0xFF101010;

    /** One wheel notch zooms by 2^(1/4) ≈ 1.19: four notches double or halve the zoom. */
    static final double ZOOM_LOG2_PER_NOTCH = 0.25;

    /** Scroll pixels per notch when a platform reports no multiplier (GTK and Windows report 40). */
    private static final double DEFAULT_SCROLL_MULTIPLIER = 40;

    private final ViewportModel model;
    private final ObservableList<Overlay> overlays = FXCollections.observableArrayList();
    private final ImageView imageView = new ImageView();
    private final Canvas overlayCanvas = new Canvas();

    private final ReadOnlyDoubleWrapper lastRenderMillis = new ReadOnlyDoubleWrapper(this, "lastRenderMillis");
    private final ReadOnlyLongWrapper renderCount = new ReadOnlyLongWrapper(this, "renderCount");
    private final ReadOnlyObjectWrapper<Throwable> renderFailure = new ReadOnlyObjectWrapper<>(this, "renderFailure");

    private PixelBuffer<IntBuffer> pixelBuffer;
    private int[] pixels;
    private boolean imageDirty = true;
    private boolean overlaysDirty = true;
    private boolean inLayout;

    private MouseButton dragButton;
    private double lastDragX;
    private double lastDragY;
    /** Whether the left button's drag draws or edits a measurement (pressed while a tool was on). */
    private boolean measureDrag;
    private ImageMeasurements measurements;

    public Viewport(ViewportModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("raylens-viewport");
        setFocusTraversable(true);
        setMinSize(0, 0);
        setPrefSize(512, 512);
        imageView.setManaged(false);
        imageView.setSmooth(false);
        overlayCanvas.setManaged(false);
        overlayCanvas.setMouseTransparent(true);
        getChildren().addAll(imageView, overlayCanvas);

        model.imageProperty().addListener(this::imageStateChanged);
        model.windowProperty().addListener(this::imageStateChanged);
        model.invertProperty().addListener(this::imageStateChanged);
        model.transformProperty().addListener(this::imageStateChanged);
        overlays.addListener((Observable o) -> requestOverlayRedraw());

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::mouseDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::mouseReleased);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            if (measurements != null) {
                measurements.gesture().hover(e.getX(), e.getY(), model.getTransform());
            }
            model.pointerMoved(e.getX(), e.getY());
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            if (dragButton == null) {
                model.pointerExited();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    public ViewportModel getModel() {
        return model;
    }

    /**
     * Lets a left drag draw measurements with the store's tool (when it is not {@link MeasureTool#NONE}; a drag that
     * starts on a measurement's end point or box corner moves that point instead, an edit) and the
     * keys M (next tool) and Delete (remove the last measurement) act on it; a change repaints the overlays.
     */
    public void setMeasurements(ImageMeasurements measurements) {
        this.measurements = Objects.requireNonNull(measurements, "measurements");
        measurements.addListener(this::requestOverlayRedraw);
    }

    public ImageMeasurements getMeasurements() {
        return measurements;
    }

    /** Overlays painted above the image, first to last. Changing the list repaints them. */
    public ObservableList<Overlay> getOverlays() {
        return overlays;
    }

    /** Repaints the overlays at the next pulse, for an overlay whose content changed (the image is not redrawn). */
    public void requestOverlayRedraw() {
        overlaysDirty = true;
        requestRenderLayout();
    }

    /** Re-renders image and overlays at the next pulse. */
    public void requestRedraw() {
        imageDirty = true;
        overlaysDirty = true;
        requestRenderLayout();
    }

    /** Milliseconds the last render took (image and overlays), for benchmarks and a status display. */
    public ReadOnlyDoubleProperty lastRenderMillisProperty() {
        return lastRenderMillis.getReadOnlyProperty();
    }

    /** Number of renders so far (image or overlays); lets tests and benchmarks wait for a frame. */
    public ReadOnlyLongProperty renderCountProperty() {
        return renderCount.getReadOnlyProperty();
    }

    /** The last failure of the image's render or of an overlay's paint, or null; cleared by the next good render. */
    public ReadOnlyObjectProperty<Throwable> renderFailureProperty() {
        return renderFailure.getReadOnlyProperty();
    }

    /**
     * Renders image and overlays now, synchronously, at the current size; for benchmarks that time a redraw.
     * Must be called on the FX thread after the viewport has been laid out.
     *
     * @return the render time in milliseconds
     */
    public double renderNow() {
        imageDirty = true;
        overlaysDirty = true;
        render();
        return lastRenderMillis.get();
    }

    /**
     * Repaints only the overlays now, synchronously (the image is not re-rendered): what a layer change costs.
     *
     * @return the paint time in milliseconds
     */
    public double renderOverlaysNow() {
        overlaysDirty = true;
        render();
        return lastRenderMillis.get();
    }

    /**
     * Renders only the image now, synchronously (overlays untouched): what a window/level change costs.
     *
     * @return the render time in milliseconds
     */
    public double renderImageNow() {
        imageDirty = true;
        render();
        return lastRenderMillis.get();
    }

    /** The text of the help tooltip the app can show next to the viewport. */
    public static Tooltip helpTooltip() {
        Tooltip tip = new Tooltip(ViewportKeys.HELP_TEXT);
        tip.setStyle("-fx-font-family: monospace;");
        tip.setShowDelay(javafx.util.Duration.millis(250));
        tip.setShowDuration(javafx.util.Duration.INDEFINITE);
        return tip;
    }

    // ---- layout and rendering ---------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        inLayout = true;
        try {
            double w = Math.floor(getWidth());
            double h = Math.floor(getHeight());
            model.setViewSize(w, h);
            if (overlayCanvas.getWidth() != w || overlayCanvas.getHeight() != h) {
                overlayCanvas.setWidth(w);
                overlayCanvas.setHeight(h);
                overlaysDirty = true;
            }
            render();
        } finally {
            inLayout = false;
        }
    }

    private void imageStateChanged(Observable ignored) {
        requestRedraw();
    }

    private void requestRenderLayout() {
        if (!inLayout) {
            requestLayout();
        }
    }

    private void render() {
        if (!imageDirty && !overlaysDirty) {
            return;
        }
        long start = System.nanoTime();
        double w = overlayCanvas.getWidth();
        double h = overlayCanvas.getHeight();
        if (w < 1 || h < 1) {
            return;
        }
        Throwable failure = null;
        if (imageDirty) {
            failure = renderImage(w, h);
            imageDirty = false;
        }
        if (overlaysDirty) {
            Throwable overlayFailure = paintOverlays(w, h);
            failure = failure != null ? failure : overlayFailure;
            overlaysDirty = false;
        }
        renderFailure.set(failure);
        lastRenderMillis.set((System.nanoTime() - start) / 1e6);
        renderCount.set(renderCount.get() + 1);
    }

    private Throwable renderImage(double w, double h) {
        double scale = outputScale();
        int bw = (int) Math.ceil(w * scale);
        int bh = (int) Math.ceil(h * scale);
        ensureBuffer(bw, bh);
        imageView.setFitWidth(w);
        imageView.setFitHeight(h);
        DisplayableImage image = model.getImage();
        Throwable failure = null;
        if (image == null || model.getWindow() == null && !image.isColor()) {
            java.util.Arrays.fill(pixels, BACKGROUND_ARGB);
        } else {
            try {
                image.render(model.getWindow(), model.isInvert(), bufferTransform(model.getTransform(), scale),
                        pixels, bw, bh, BACKGROUND_ARGB);
            } catch (RuntimeException e) {
                // A decoding bug must not take the window down with it: show the background, report the cause.
                LOG.log(Level.ERROR, "image render failed", e);
                java.util.Arrays.fill(pixels, BACKGROUND_ARGB);
                failure = e;
            }
        }
        pixelBuffer.updateBuffer(pb -> null);
        return failure;
    }

    private Throwable paintOverlays(double w, double h) {
        GraphicsContext gc = overlayCanvas.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        if (model.getImage() == null) {
            return null;
        }
        FxOverlayCanvas canvas = new FxOverlayCanvas(gc, w, h, outputScale());
        ViewTransform view = model.getTransform();
        Throwable failure = null;
        for (Overlay overlay : List.copyOf(overlays)) {
            gc.save();
            try {
                overlay.paint(canvas, view);
            } catch (RuntimeException e) {
                // One broken layer must not hide the others.
                LOG.log(Level.ERROR, "overlay paint failed: " + overlay, e);
                failure = failure != null ? failure : e;
            } finally {
                gc.restore();
            }
        }
        return failure;
    }

    private void ensureBuffer(int bw, int bh) {
        if (pixelBuffer != null && pixelBuffer.getWidth() == bw && pixelBuffer.getHeight() == bh) {
            return;
        }
        pixels = new int[bw * bh];
        pixelBuffer = new PixelBuffer<>(bw, bh, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
        imageView.setImage(new WritableImage(pixelBuffer));
    }

    /**
     * The buffer may have more pixels than the view on a HiDPI screen: buffer pixel (bx, by) is view point
     * (bx / scale, by / scale).
     */
    static ViewTransform bufferTransform(ViewTransform view, double scale) {
        if (scale == 1) {
            return view;
        }
        return new ViewTransform(view.a() / scale, view.b() / scale, view.c(),
                view.d() / scale, view.e() / scale, view.f());
    }

    private double outputScale() {
        Window window = getScene() == null ? null : getScene().getWindow();
        double s = window == null ? 1 : window.getRenderScaleX();
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    // ---- input ------------------------------------------------------------------------------------------------

    private void mousePressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.SECONDARY) {
            dragButton = e.getButton();
            lastDragX = e.getX();
            lastDragY = e.getY();
            measureDrag = measuring();
            if (measureDrag) {
                measurements.gesture().press(e.getX(), e.getY(), model.getTransform());
            }
            setCursor(measureDrag || dragButton == MouseButton.SECONDARY ? Cursor.CROSSHAIR : Cursor.MOVE);
            e.consume();
        }
    }

    private void mouseDragged(MouseEvent e) {
        if (dragButton == null) {
            return;
        }
        double dx = e.getX() - lastDragX;
        double dy = e.getY() - lastDragY;
        lastDragX = e.getX();
        lastDragY = e.getY();
        if (dragButton == MouseButton.PRIMARY && measureDrag) {
            measurements.gesture().drag(e.getX(), e.getY(), model.getTransform());
        } else if (dragButton == MouseButton.PRIMARY) {
            model.panBy(dx, dy);
        } else {
            model.adjustWindow(dx, dy);
        }
        model.pointerMoved(e.getX(), e.getY());
        e.consume();
    }

    private void mouseReleased(MouseEvent e) {
        if (e.getButton() == dragButton) {
            dragButton = null;
            if (measureDrag) {
                measureDrag = false;
                measurements.gesture().release(e.getX(), e.getY(), e.isStillSincePress(), model.getTransform());
            }
            setCursor(Cursor.DEFAULT);
            if (!contains(e.getX(), e.getY())) {
                model.pointerExited();
            }
            e.consume();
        }
    }

    private boolean measuring() {
        return dragButton == MouseButton.PRIMARY && measurements != null && model.getImage() != null
                && (measurements.tool() != MeasureTool.NONE || measurements.gesture().isDrawing());
    }

    private void scrolled(ScrollEvent e) {
        double notches = wheelNotches(e.getDeltaY(), e.getMultiplierY());
        if (notches == 0) {
            return;
        }
        model.zoomAbout(e.getX(), e.getY(), Math.pow(2, notches * ZOOM_LOG2_PER_NOTCH));
        model.pointerMoved(e.getX(), e.getY());
        e.consume();
    }

    /**
     * Wheel notches in a scroll event, positive away from the user (zoom in). JavaFX scales the raw notch count by a
     * platform multiplier (40 on GTK and Windows, 1 in the headless Monocle platform), so dividing it out makes one
     * notch zoom the same everywhere; touchpads give fractions of a notch, which zoom smoothly.
     */
    static double wheelNotches(double deltaY, double multiplierY) {
        double multiplier = multiplierY > 0 ? multiplierY : DEFAULT_SCROLL_MULTIPLIER;
        return deltaY / multiplier;
    }

    private void keyPressed(KeyEvent e) {
        handleShortcut(e);
    }

    /**
     * Applies a viewport shortcut and consumes the event when {@code e} is one. Public so a window can route keys
     * typed while another control has focus (the instance list) to the viewport. Keys with Ctrl, Alt, Meta or the
     * platform shortcut modifier are left for menus.
     *
     * @return true when the key was a viewport shortcut
     */
    public boolean handleShortcut(KeyEvent e) {
        if (e.getEventType() != KeyEvent.KEY_PRESSED || e.isConsumed()
                || e.isShortcutDown() || e.isAltDown() || e.isControlDown() || e.isMetaDown()) {
            return false;
        }
        if (ViewportKeys.apply(e.getCode(), model) || measurements != null
                && ViewportKeys.applyMeasureKey(e.getCode(), measurements, e.isShiftDown())) {
            e.consume();
            return true;
        }
        return false;
    }
}
