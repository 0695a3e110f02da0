package org.raylens.app.ui;

import javafx.beans.Observable;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.overlay.ScaleBarOverlay;

/**
 * Side-by-side compare: a second viewport to the left of the main one, linked both ways (zoom, pan, rotation, flip
 * and window), showing either the same image without overlays (image vs overlay) or an image pinned from the study
 * (two images, such as a PA and its lateral hung side by side). The main viewport keeps its overlays; with two
 * images the second shows the same map layers, computed for its own image ({@link CompareMaps}).
 */
public final class CompareView {

    private final ViewportModel main;
    private final ViewportModel other = new ViewportModel();
    private final Viewport otherView = new Viewport(other);
    private final SplitPane split = new SplitPane();
    private final Label caption = new Label("Image without overlays");
    private boolean pinned;
    private boolean syncing;
    private CompareMaps maps;

    /** The main viewport joins the split on the right while compare is shown ({@link MainWindow}). */
    public CompareView(ViewportModel main) {
        this.main = main;
        otherView.setId("compareViewport");
        otherView.getOverlays().add(new ScaleBarOverlay(() -> other.getImage() == null ? null
                : other.getImage().pixelSpacingMm()));
        caption.setStyle("-fx-background-color: #000000aa; -fx-text-fill: white; -fx-padding: 2 6 2 6;");
        caption.setMouseTransparent(true);
        StackPane left = new StackPane(otherView, caption);
        // bottom right: the top holds the DEMO badge and the colorbar, the bottom left the scale bar
        StackPane.setAlignment(caption, Pos.BOTTOM_RIGHT);
        split.getItems().add(left);
        split.setId("compareSplit");
        main.imageProperty().addListener((o, a, img) -> {
            if (!pinned) {
                other.setImage(img);
                sync(main, other);
            }
        });
        for (ViewportModel m : new ViewportModel[] {main, other}) {
            ViewportModel to = m == main ? other : main;
            m.transformProperty().addListener((Observable o) -> sync(m, to));
            m.windowProperty().addListener((Observable o) -> syncWindow(m, to));
            m.invertProperty().addListener((Observable o) -> syncWindow(m, to));
        }
        other.setImage(main.getImage());
    }

    public SplitPane node() {
        return split;
    }

    public ViewportModel otherModel() {
        return other;
    }

    public Viewport otherView() {
        return otherView;
    }

    /** Gives the second image its own map layers, kept in step with the main view's ({@link CompareMaps}). */
    public void showMapsOf(org.raylens.app.analysis.AnalysisModel analysis,
            org.raylens.app.layers.LayersModel layers) {
        if (maps == null) {
            maps = new CompareMaps(analysis, layers, main, otherView);
        }
    }

    /** The second image's maps, or null before {@link #showMapsOf}. */
    CompareMaps maps() {
        return maps;
    }

    /** Pins the image on screen to the left with its own caption (the lateral of a PA + lateral hanging). */
    public void pinCurrent(String captionText) {
        pinCurrent();
        caption.setText(captionText);
    }

    /** Pins the image on screen to the left, so choosing another image compares two images. */
    public void pinCurrent() {
        pinned = true;
        other.setImage(main.getImage());
        caption.setText("Pinned image");
        sync(main, other);
    }

    /** Shows {@code image} to the left (a similar image found for the current one), pinned, under {@code text}. */
    public void showBeside(org.raylens.viewer.image.DisplayableImage image, String text) {
        pinned = true;
        other.setImage(image);
        caption.setText(text);
        sync(main, other);
    }

    /** Back to image vs overlays. */
    public void unpin() {
        pinned = false;
        caption.setText("Image without overlays");
        other.setImage(main.getImage());
        sync(main, other);
    }

    private void sync(ViewportModel from, ViewportModel to) {
        if (syncing || from.getImage() == null || to.getImage() == null) {
            return;
        }
        syncing = true;
        try {
            to.matchView(from);
        } finally {
            syncing = false;
        }
    }

    private void syncWindow(ViewportModel from, ViewportModel to) {
        // two pinned images (a PA and its lateral) share the window too: the same study, the same exposure range
        if (syncing || from.getWindow() == null || to.getImage() == null
                || !pinned && to.getImage() != from.getImage()) {
            return;
        }
        syncing = true;
        try {
            to.windowProperty().set(from.getWindow());
            to.invertProperty().set(from.isInvert());
        } finally {
            syncing = false;
        }
    }
}
