package org.raylens.viewer.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The measurements of every image opened in this session, each list kept under its image's key (the image
 * source's URI), so going back to an image shows what was measured on it; plus the tool a left drag uses and the
 * shape being drawn. Listeners hear every change (the viewport repaints its overlays).
 *
 * <p>FX-free and not thread-safe: used from the FX thread; an export reads {@link #current()} (a copy).
 */
public final class ImageMeasurements {

    private final Map<String, List<Measurement>> byImage = new HashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private String key = "";
    private MeasureTool tool = MeasureTool.NONE;
    private Measurement draft;
    private int editing = -1;
    private final MeasureGesture gesture = new MeasureGesture(this);

    /** Shows the measurements of the image with this key (an empty list for an image not measured yet). */
    public void showImage(String imageKey) {
        String k = imageKey == null ? "" : imageKey;
        if (!k.equals(key)) {
            gesture.cancel();
            key = k;
            draft = null;
            editing = -1;
            changed();
        }
    }

    public String imageKey() {
        return key;
    }

    /** The current image's measurements, oldest first (a copy). */
    public List<Measurement> current() {
        return List.copyOf(byImage.getOrDefault(key, List.of()));
    }

    public void add(Measurement m) {
        byImage.computeIfAbsent(key, k -> new ArrayList<>()).add(Objects.requireNonNull(m, "measurement"));
        changed();
    }

    /** Replaces measurement {@code index} of the current image (an edit: moved or resized). */
    public void replace(int index, Measurement m) {
        List<Measurement> list = byImage.get(key);
        if (list == null || index < 0 || index >= list.size()) {
            throw new IndexOutOfBoundsException("no measurement " + index + " on this image");
        }
        list.set(index, Objects.requireNonNull(m, "measurement"));
        changed();
    }

    /** Deletes the most recent measurement of the current image; false when there is none. */
    public boolean removeLast() {
        List<Measurement> list = byImage.get(key);
        if (list == null || list.isEmpty()) {
            return false;
        }
        list.remove(list.size() - 1);
        changed();
        return true;
    }

    /** Deletes every measurement of the current image. */
    public void clear() {
        if (byImage.remove(key) != null) {
            changed();
        }
    }

    /** A point of one of the current image's measurements: which measurement, and which point (from 1). */
    public record Handle(int index, int point) {}

    /**
     * The measurement point nearest to a view position within {@code radius} view pixels, the newest measurement
     * winning a tie, or null: what a press on a handle grabs to edit.
     *
     * @param toView maps a source point to view coordinates (the viewport's current transform)
     */
    public Handle handleNear(double vx, double vy, double radius,
            java.util.function.BiFunction<Double, Double, double[]> toView) {
        List<Measurement> list = current();
        Handle best = null;
        double bestDistance = radius;
        for (int i = list.size() - 1; i >= 0; i--) {
            List<Measurement.Point> points = list.get(i).points();
            for (int p = 0; p < points.size(); p++) {
                double[] v = toView.apply(points.get(p).x(), points.get(p).y());
                double d = Math.hypot(v[0] - vx, v[1] - vy);
                if (d < bestDistance || d == bestDistance && best == null) {
                    bestDistance = d;
                    best = new Handle(i, p + 1);
                }
            }
        }
        return best;
    }

    /**
     * Marks measurement {@code index} as being edited (−1: none); its label then shows only its size, the
     * statistics waiting for the mouse to be released, so a drag stays fluid.
     */
    public void setEditing(int index) {
        if (index != editing) {
            editing = index;
            changed();
        }
    }

    public int editing() {
        return editing;
    }

    /** Moves a handle of a current measurement to source point (x, y). */
    public void moveHandle(Handle handle, double x, double y) {
        Measurement m = current().get(handle.index());
        replace(handle.index(), m.withPoint(handle.point(), x, y));
    }

    /** How the left button draws and edits this store's measurements. */
    public MeasureGesture gesture() {
        return gesture;
    }

    public MeasureTool tool() {
        return tool;
    }

    public void setTool(MeasureTool tool) {
        this.tool = Objects.requireNonNull(tool, "tool");
        gesture.cancel();
        draft = null;
        changed();
    }

    /** The shape being dragged out, or null; painted like a measurement but not yet kept. */
    public Measurement draft() {
        return draft;
    }

    public void setDraft(Measurement draft) {
        this.draft = draft;
        changed();
    }

    /** Keeps the draft as a measurement (the mouse was released). */
    public void commitDraft() {
        Measurement d = draft;
        draft = null;
        if (d != null) {
            add(d);
        } else {
            changed();
        }
    }

    public void addListener(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
