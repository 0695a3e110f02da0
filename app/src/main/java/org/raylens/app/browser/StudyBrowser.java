package org.raylens.app.browser;

import java.nio.IntBuffer;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.app.open.StudyInstance;

/**
 * The study browser: a search box over a Patient → Study → Series → image tree, with thumbnails on image rows.
 * Choosing an image row (or a group, which means its first image) hands the instance to {@code onChoose}; the
 * window's model then loads it.
 */
public final class StudyBrowser extends VBox {

    private final TreeView<BrowserNode> tree = new TreeView<>();
    private final ThumbnailCache thumbnails;
    private boolean updatingSelection;

    public StudyBrowser(StudyBrowserModel model, ThumbnailCache thumbnails, Consumer<StudyInstance> onChoose) {
        this.thumbnails = thumbnails;
        setId("studyBrowser");
        setSpacing(4);
        TextField search = new TextField();
        search.setId("studySearch");
        search.setPromptText("Filter patients, studies, series, files");
        search.textProperty().bindBidirectional(model.filterProperty());
        tree.setId("studyTree");
        tree.setShowRoot(false);
        tree.setRoot(new TreeItem<>());
        tree.setCellFactory(v -> new NodeCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(search, tree);

        model.treeProperty().addListener((obs, old, now) -> show(now));
        show(model.getTree());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!updatingSelection && now != null && now.getValue() != null) {
                List<StudyInstance> inside = now.getValue().instances();
                if (!inside.isEmpty()) {
                    onChoose.accept(inside.get(0));
                }
            }
        });
    }

    public TreeView<BrowserNode> tree() {
        return tree;
    }

    /** Highlights the row of {@code instance} without choosing it again (the window chose it). */
    public void reveal(StudyInstance instance) {
        TreeItem<BrowserNode> item = find(tree.getRoot(), instance);
        if (item != null && tree.getSelectionModel().getSelectedItem() != item) {
            updatingSelection = true;
            try {
                tree.getSelectionModel().select(item);
            } finally {
                updatingSelection = false;
            }
        }
    }

    private void show(List<BrowserNode> nodes) {
        TreeItem<BrowserNode> root = new TreeItem<>();
        for (BrowserNode n : nodes) {
            root.getChildren().add(item(n));
        }
        updatingSelection = true;
        try {
            tree.setRoot(root);
        } finally {
            updatingSelection = false;
        }
    }

    private static TreeItem<BrowserNode> item(BrowserNode node) {
        TreeItem<BrowserNode> item = new TreeItem<>(node);
        item.setExpanded(true);
        for (BrowserNode c : node.children()) {
            item.getChildren().add(item(c));
        }
        return item;
    }

    private static TreeItem<BrowserNode> find(TreeItem<BrowserNode> at, StudyInstance instance) {
        if (at.getValue() != null && instance.equals(at.getValue().instance())) {
            return at;
        }
        for (TreeItem<BrowserNode> c : at.getChildren()) {
            TreeItem<BrowserNode> found = find(c, instance);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A row: an icon per level, a thumbnail on image rows once it is made. */
    private final class NodeCell extends TreeCell<BrowserNode> {
        @Override
        protected void updateItem(BrowserNode item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(item.displayText());
            if (item.kind() != BrowserNode.Kind.INSTANCE) {
                setGraphic(new FontIcon(switch (item.kind()) {
                    case PATIENT -> "mdi2a-account";
                    case STUDY -> "mdi2f-folder-outline";
                    case DERIVED -> "mdi2l-layers-outline";
                    case SOURCE_NOT_OPEN -> "mdi2l-link-variant-off";
                    default -> "mdi2i-image-multiple-outline";
                }));
                return;
            }
            ImageView view = new ImageView();
            view.setFitWidth(Thumbnail.SIZE);
            view.setFitHeight(Thumbnail.SIZE);
            view.setPreserveRatio(true);
            setGraphic(view);
            thumbnails.request(item.instance(), thumb -> {
                if (getItem() == item) {
                    view.setImage(toImage(thumb));
                }
            });
        }
    }

    static WritableImage toImage(Thumbnail t) {
        WritableImage img = new WritableImage(t.width(), t.height());
        img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(),
                IntBuffer.wrap(t.argb()), t.width());
        return img;
    }
}
