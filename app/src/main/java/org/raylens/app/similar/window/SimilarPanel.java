package org.raylens.app.similar.window;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.raylens.app.analysis.ImageEmbedding;
import org.raylens.app.browser.Thumbnail;
import org.raylens.viewer.image.DisplayableImage;

/**
 * The "Find similar" view: the index folder with a button to choose it, k, a Find button, and the results as
 * thumbnail tiles with their similarity; clicking a tile opens that image beside the current one (compare view).
 * Thin: the work is in {@link SimilarSearch}.
 */
public final class SimilarPanel {
    private final SimilarSearch search;
    private final BorderPane root = new BorderPane();
    private final FlowPane tiles = new FlowPane(8, 8);
    private final Spinner<Integer> k = new Spinner<>(1, 100, 10);

    /**
     * @param embedding  the current image's embedding work (empty when no image is open), asked at each Find
     * @param onIndex    called with a newly chosen index folder (the window remembers it in the preferences)
     * @param onOpened   shows an opened result beside the current image
     */
    public SimilarPanel(SimilarSearch search, Supplier<Optional<Callable<ImageEmbedding>>> embedding,
                        Consumer<Path> onIndex, BiConsumer<DisplayableImage, String> onOpened) {
        this.search = search;
        Label indexLabel = new Label();
        indexLabel.setId("similarIndex");
        indexLabel.textProperty().bind(search.indexProperty().map(p -> "Index: " + p).orElse("No index chosen"));
        Button choose = new Button("Choose index\u2026");
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Similar-image index folder");
            File dir = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (dir != null) {
                search.indexProperty().set(dir.toPath());
                onIndex.accept(dir.toPath());
            }
        });
        Button find = new Button("Find similar");
        find.setId("findSimilar");
        find.disableProperty().bind(search.runningProperty().or(search.indexProperty().isNull()));
        find.setOnAction(e -> search.find(embedding.get(), k.getValue()));
        k.setPrefWidth(80);
        Label message = new Label();
        message.setId("similarMessage");
        message.setWrapText(true);
        message.textProperty().bind(search.messageProperty());
        HBox controls = new HBox(8, choose, new Label("k"), k, find);
        controls.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, indexLabel, controls, message);
        top.setPadding(new Insets(8));
        tiles.setId("similarResults");
        tiles.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        root.setTop(top);
        root.setCenter(scroll);
        root.setPrefSize(640, 480);
        search.results().addListener((javafx.collections.ListChangeListener<SimilarSearch.Result>) c -> {
            tiles.getChildren().clear();
            for (SimilarSearch.Result r : search.results()) {
                tiles.getChildren().add(tile(r, onOpened));
            }
        });
    }

    private VBox tile(SimilarSearch.Result r, BiConsumer<DisplayableImage, String> onOpened) {
        ImageView view = new ImageView();
        r.thumbnail().ifPresent(t -> view.setImage(image(t)));
        view.setFitWidth(SimilarSearch.THUMBNAIL);
        view.setFitHeight(SimilarSearch.THUMBNAIL);
        view.setPreserveRatio(true);
        Label label = new Label(String.format(Locale.ROOT, "#%d  %.3f%n%s", r.hit().rank(), r.hit().similarity(),
                SimilarSearch.name(r.hit())));
        label.setMaxWidth(SimilarSearch.THUMBNAIL + 24);
        VBox tile = new VBox(4, view, label);
        if (!r.problem().isEmpty()) {
            tile.getChildren().add(new Label("(no picture: " + r.problem() + ")"));
        }
        tile.setAlignment(Pos.TOP_CENTER);
        tile.getStyleClass().add("similar-tile");
        tile.setId("similarTile" + r.hit().rank());
        tile.setOnMouseClicked(e -> search.open(r.hit(), onOpened));
        return tile;
    }

    private static WritableImage image(Thumbnail t) {
        WritableImage img = new WritableImage(t.width(), t.height());
        img.getPixelWriter().setPixels(0, 0, t.width(), t.height(), PixelFormat.getIntArgbInstance(), t.argb(), 0,
                t.width());
        return img;
    }

    /** How many results to show (the k spinner). */
    public int k() {
        return k.getValue();
    }

    public BorderPane node() {
        return root;
    }
}
