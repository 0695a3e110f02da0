package org.raylens.app.similar.window;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.analysis.ImageEmbedding;
import org.raylens.app.browser.Thumbnail;
import org.raylens.app.similar.EmbeddingProvenance;
import org.raylens.app.similar.SimilarHit;
import org.raylens.app.similar.SimilarIndexException;
import org.raylens.app.similar.SimilarityIndex;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.ImageSourceRegistry;

/**
 * The window's "Find similar": embeds the current image with the current model (in the background), queries the
 * configured index, and holds the top k with their thumbnails. A result of an older request (the user asked again) is
 * dropped. Every failure becomes a message in words: another model's index says which model it needs.
 */
public final class SimilarSearch {
    /** Thumbnail edge of a result tile, in pixels. */
    static final int THUMBNAIL = 96;
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** One result: the hit and its thumbnail (empty when its image cannot be opened, with why). */
    public record Result(SimilarHit hit, Optional<Thumbnail> thumbnail, String problem) {}

    private final BackgroundRunner runner;
    private final ImageSourceRegistry sources;
    private final ObjectProperty<Path> index = new SimpleObjectProperty<>(this, "index");
    private final ObservableList<Result> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private long request;
    /**
     * The index of the last search, kept open while the window is shown: opening one encodes its vectors for the
     * search (about 1.5 s for 100 000 of 768-d here), which a search should not pay each time. Guarded by {@code this}.
     */
    private SimilarityIndex openIndex;

    public SimilarSearch(BackgroundRunner runner, ImageSourceRegistry sources) {
        this.runner = runner;
        this.sources = sources;
    }

    /** The index folder (the preference); null until one is chosen. */
    public ObjectProperty<Path> indexProperty() {
        return index;
    }

    public ObservableList<Result> results() {
        return results;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Finds the {@code k} images most similar to the one {@code embedding} embeds (empty: no image open).
     */
    public void find(Optional<Callable<ImageEmbedding>> embedding, int k) {
        Path folder = index.get();
        if (folder == null) {
            message.set("Choose a similar-image index first (raylens similar build makes one).");
            return;
        }
        if (embedding.isEmpty()) {
            message.set("Open an image first.");
            return;
        }
        long id = ++request;
        results.clear();
        running.set(true);
        message.set("Embedding the image and searching " + folder.getFileName() + "\u2026");
        runner.run(() -> search(folder, embedding.get(), k), found -> {
            if (id == request) {
                running.set(false);
                results.setAll(found);
                message.set(found.size() + " similar image" + (found.size() == 1 ? "" : "s") + " in "
                        + folder.getFileName());
            }
        }, error -> {
            if (id == request) {
                running.set(false);
                message.set(describe(error));
            }
        });
    }

    private List<Result> search(Path folder, Callable<ImageEmbedding> embedding, int k) throws Exception {
        List<SimilarHit> hits = query(folder, embedding, k);
        List<Result> out = new ArrayList<>();
        for (SimilarHit h : hits) {
            try {
                out.add(new Result(h, Optional.of(Thumbnail.of(openImage(h), THUMBNAIL)), ""));
            } catch (Exception e) {
                // the hit stays listed (it is a result); its tile says why it has no picture
                out.add(new Result(h, Optional.empty(), e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        return out;
    }

    private synchronized List<SimilarHit> query(Path folder, Callable<ImageEmbedding> embedding, int k)
            throws Exception {
        if (openIndex != null && (!openIndex.folder().equals(folder) || !openIndex.isCurrent())) {
            closeIndex(); // another folder chosen, or this one rebuilt since
        }
        if (openIndex == null) {
            openIndex = SimilarityIndex.open(folder);
        }
        // opened first: a damaged index or another model's is reported before a forward pass is spent
        ImageEmbedding e = embedding.call();
        return openIndex.query(e.vector(), new EmbeddingProvenance(e.weightsSha256(), e.recipe(), e.vector().length),
                k);
    }

    /**
     * Closes the index kept open between searches (in the background, after a search under way), so that its folder
     * can be rebuilt or deleted while the window is hidden.
     */
    public void releaseIndex() {
        runner.run(() -> {
            synchronized (this) {
                closeIndex();
            }
            return null;
        }, done -> { }, error -> message.set("Closing the index failed: " + error.getMessage()));
    }

    private void closeIndex() throws java.io.IOException {
        SimilarityIndex closing = openIndex;
        openIndex = null;
        if (closing != null) {
            closing.close();
        }
    }

    /** Opens a hit's image in the background and hands it, with a caption, to {@code onOpened} on the FX thread. */
    public void open(SimilarHit hit, BiConsumer<DisplayableImage, String> onOpened) {
        runner.run(() -> openImage(hit), image -> onOpened.accept(image, String.format(java.util.Locale.ROOT,
                "Similar #%d (%.3f): %s", hit.rank(), hit.similarity(), name(hit))),
                error -> message.set("Cannot open " + hit.image().path() + ": " + error.getMessage()));
    }

    private DisplayableImage openImage(SimilarHit hit) throws Exception {
        String p = hit.image().path();
        // embed's table names images by URI; older tables and other tools by path
        URI uri = SCHEME.matcher(p).matches() && !p.matches("^[A-Za-z]:\\\\.*") ? URI.create(p) : Path.of(p).toUri();
        return sources.open(uri).open();
    }

    /** A short name for a hit: the last part of its path or URI. */
    static String name(SimilarHit hit) {
        String p = hit.image().path();
        int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return cut >= 0 && cut < p.length() - 1 ? p.substring(cut + 1) : p;
    }

    static String describe(Exception error) {
        if (error instanceof SimilarIndexException.ModelMismatch) {
            return "This index was made with another model. Choose the model the index was built with (Models"
                    + " panel), or an index of this model's embeddings. " + error.getMessage();
        }
        if (error instanceof SimilarIndexException.RecipeMismatch) {
            return "This index was made with another input recipe. " + error.getMessage();
        }
        return "Find similar failed: " + (error.getMessage() == null ? error.toString() : error.getMessage());
    }
}
