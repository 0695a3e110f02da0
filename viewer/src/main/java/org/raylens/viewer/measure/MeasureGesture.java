package org.raylens.viewer.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.measure.Measurement.Point;

/**
 * Turns the left button's press, drag and release (in view coordinates) into measurements of an
 * {@link ImageMeasurements} store, for every tool: a press on a measurement's handle drags that point (an edit);
 * otherwise a distance or box ROI is dragged from corner to corner, a freehand ROI follows the drag and closes on
 * release, and an angle takes three clicks (first arm's end, vertex, second arm's end), a rubber band following the
 * pointer between them. Escape ({@link #cancel}) drops what is being drawn, as in Weasis.
 *
 * <p>FX-free so the viewport stays thin and the gestures can be tested without a window; used on the FX thread.
 */
public final class MeasureGesture {

    /** A press this close (view pixels) to a measurement's point grabs it to edit, rather than drawing anew. */
    public static final double HANDLE_RADIUS_PX = 6;
    /** A freehand outline keeps a pointer position only this far (view pixels) from the last kept one. */
    static final double FREEHAND_STEP_PX = 3;
    private static final int ANGLE_POINTS = 3;

    private final ImageMeasurements store;
    private ImageMeasurements.Handle editing;
    private Point dragStart;
    private final List<Point> path = new ArrayList<>();
    private final List<Point> clicks = new ArrayList<>();

    public MeasureGesture(ImageMeasurements store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The left button went down at view point (vx, vy). */
    public void press(double vx, double vy, ViewTransform view) {
        Point p = source(vx, vy, view);
        if (clicks.isEmpty()) {
            editing = store.handleNear(vx, vy, HANDLE_RADIUS_PX, (x, y) -> view.toView(x, y));
            if (editing != null) {
                store.setEditing(editing.index());
                return;
            }
        }
        MeasureTool tool = store.tool();
        if (tool == MeasureTool.ANGLE) {
            clicks.add(p);
            store.setDraft(angleDraft(p));
        } else if (tool == MeasureTool.FREEHAND) {
            path.clear();
            path.add(p);
        } else if (tool.isTwoPoint()) {
            dragStart = p;
        }
    }

    /** The pointer moved with the left button down. */
    public void drag(double vx, double vy, ViewTransform view) {
        Point p = source(vx, vy, view);
        if (editing != null) {
            store.moveHandle(editing, p.x(), p.y());
        } else if (!clicks.isEmpty()) {
            clicks.set(clicks.size() - 1, p); // a drag after a click places that click's point
            store.setDraft(angleDraft(p));
        } else if (!path.isEmpty()) {
            double[] last = view.toView(path.get(path.size() - 1).x(), path.get(path.size() - 1).y());
            if (Math.hypot(last[0] - vx, last[1] - vy) >= FREEHAND_STEP_PX) {
                path.add(p);
                store.setDraft(new Roi.Freehand(path));
            }
        } else if (dragStart != null) {
            store.setDraft(store.tool().shape(dragStart.x(), dragStart.y(), p.x(), p.y()));
        }
    }

    /** The pointer moved with no button down: an angle being drawn follows it. */
    public void hover(double vx, double vy, ViewTransform view) {
        if (!clicks.isEmpty()) {
            store.setDraft(angleDraft(source(vx, vy, view)));
        }
    }

    /** The left button went up; {@code still} when the pointer did not move since the press (a click). */
    public void release(double vx, double vy, boolean still, ViewTransform view) {
        if (editing != null) {
            editing = null;
            store.setEditing(-1);
        } else if (!clicks.isEmpty()) {
            if (clicks.size() == ANGLE_POINTS) {
                Point a = clicks.get(0);
                Point v = clicks.get(1);
                Point b = clicks.get(2);
                clicks.clear();
                store.setDraft(new Measurement.Angle(a.x(), a.y(), v.x(), v.y(), b.x(), b.y()));
                store.commitDraft();
            }
        } else if (!path.isEmpty()) {
            if (path.size() >= 3) {
                store.setDraft(new Roi.Freehand(path));
                store.commitDraft();
            } else {
                store.setDraft(null); // a click or a tiny scribble encloses nothing
            }
            path.clear();
        } else if (dragStart != null) {
            dragStart = null;
            if (still) {
                store.setDraft(null); // a click is not a measurement
            } else {
                store.commitDraft();
            }
        }
    }

    /** Whether a drawing is in progress (an angle between its clicks, a drag): Escape then has something to drop. */
    public boolean isDrawing() {
        return !clicks.isEmpty() || !path.isEmpty() || dragStart != null || editing != null;
    }

    /** Drops what is being drawn (Escape, a tool change, another image). */
    public void cancel() {
        clicks.clear();
        path.clear();
        dragStart = null;
        if (editing != null) {
            editing = null;
            store.setEditing(-1);
        }
        if (store.draft() != null) {
            store.setDraft(null);
        }
    }

    /** An angle with the clicks so far and the pointer as its next point; a line to the pointer after one click. */
    private Measurement angleDraft(Point pointer) {
        Point a = clicks.get(0);
        if (clicks.size() == 1) {
            return new Measurement.Distance(a.x(), a.y(), pointer.x(), pointer.y());
        }
        Point v = clicks.get(1);
        Point b = clicks.size() > 2 ? clicks.get(2) : pointer;
        return new Measurement.Angle(a.x(), a.y(), v.x(), v.y(), b.x(), b.y());
    }

    private static Point source(double vx, double vy, ViewTransform view) {
        return new Point(view.toSourceX(vx, vy), view.toSourceY(vx, vy));
    }
}
