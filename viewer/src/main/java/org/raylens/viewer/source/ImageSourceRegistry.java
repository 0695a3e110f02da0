package org.raylens.viewer.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The installed {@link ImageSourceKind}s and the one rule for choosing among them: the kind with the highest
 * {@link ImageSourceKind#supportScore} opens the URI; ties go to the first by name, so the choice is the same on
 * every run whatever order the class path lists them in. Immutable and thread-safe.
 */
public final class ImageSourceRegistry {

    private final List<ImageSourceKind> kinds;

    public ImageSourceRegistry(List<? extends ImageSourceKind> kinds) {
        List<ImageSourceKind> sorted = new ArrayList<>(kinds);
        sorted.forEach(k -> Objects.requireNonNull(k, "kind"));
        sorted.sort(Comparator.comparing(ImageSourceKind::name));
        this.kinds = List.copyOf(sorted);
    }

    /** Every kind on the class path (the viewer's own {@link FileSourceKind} among them). */
    public static ImageSourceRegistry fromServiceLoader() {
        List<ImageSourceKind> found = new ArrayList<>();
        ServiceLoader.load(ImageSourceKind.class, ImageSourceKind.class.getClassLoader()).forEach(found::add);
        return new ImageSourceRegistry(found);
    }

    public List<ImageSourceKind> kinds() {
        return kinds;
    }

    /** The kind that supports {@code uri} best, if any supports it at all. */
    public Optional<ImageSourceKind> best(URI uri) {
        ImageSourceKind best = null;
        double bestScore = 0;
        for (ImageSourceKind kind : kinds) {
            double score = kind.supportScore(uri);
            if (score > bestScore) {
                best = kind;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Opens {@code uri} with the best kind.
     *
     * @throws UnsupportedSourceException when no kind supports it
     * @throws ImageSourceException       when the chosen kind cannot open it
     */
    public ImageSource open(URI uri) throws ImageSourceException {
        Objects.requireNonNull(uri, "uri");
        ImageSourceKind kind = best(uri).orElseThrow(() ->
                new UnsupportedSourceException(uri, kinds.stream().map(ImageSourceKind::name).toList()));
        return kind.open(uri);
    }
}
