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

    /** Shows the measurements of the image with this key (an empty list for an image not measured yet). */
    public void showImage(String imageKey) {
        String k = imageKey == null ? "" : imageKey;
        if (!k.equals(key)) {
            key = k;
            draft = null;
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

    public MeasureTool tool() {
        return tool;
    }

    public void setTool(MeasureTool tool) {
        this.tool = Objects.requireNonNull(tool, "tool");
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
