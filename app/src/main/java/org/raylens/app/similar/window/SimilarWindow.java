package org.raylens.app.similar.window;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.raylens.app.analysis.ImageEmbedding;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.ImageSourceRegistry;

/**
 * The "Find similar" window of the main window: made once, shown by the menu item, searching at once when an index is
 * configured. The chosen index folder is a preference ({@link Preferences#similarIndex}), saved when it changes.
 */
public final class SimilarWindow {
    private final Stage stage = new Stage();
    private final SimilarSearch search;
    private final SimilarPanel panel;
    private final Supplier<Optional<Callable<ImageEmbedding>>> embedding;

    public SimilarWindow(Window owner, BackgroundRunner runner, Preferences preferences, Runnable savePreferences,
                         Supplier<Optional<Callable<ImageEmbedding>>> embedding,
                         BiConsumer<DisplayableImage, String> onOpened) {
        this.embedding = embedding;
        search = new SimilarSearch(runner, ImageSourceRegistry.fromServiceLoader());
        if (preferences.similarIndex != null) {
            search.indexProperty().set(Path.of(preferences.similarIndex));
        }
        panel = new SimilarPanel(search, embedding, folder -> {
            preferences.similarIndex = folder.toAbsolutePath().toString();
            savePreferences.run();
        }, onOpened);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Find similar");
        stage.setScene(new Scene(panel.node()));
        stage.setOnHidden(e -> search.releaseIndex());
    }

    /** Shows the window and searches for the current image (without an index, it says to choose one). */
    public void showAndFind() {
        stage.show();
        stage.toFront();
        search.find(embedding.get(), panel.k());
    }

    public SimilarSearch search() {
        return search;
    }

    public Stage stage() {
        return stage;
    }
}
