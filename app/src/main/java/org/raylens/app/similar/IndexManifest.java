package org.raylens.app.similar;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.raylens.core.io.AtomicFiles;

/**
 * {@code manifest.json} of an index folder: what the vectors are (the model's weights SHA-256, the input recipe, the
 * dimension and count), how the graph was built and which Lucene wrote it. It is what a query is checked against, so
 * an index built with one model is never queried with another.
 */
public record IndexManifest(String format, int formatVersion, String weightsSha256, String recipe, int dimension,
                            int count, String similarity, String luceneVersion, int hnswM, int hnswBeamWidth,
                            int searchBreadth, String embeddings, String builtAt) {
    static final String FILE = "manifest.json";
    static final String FORMAT = "raylens-similar-index";
    static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** The provenance a query must match. */
    public EmbeddingProvenance provenance() {
        return new EmbeddingProvenance(weightsSha256, recipe, dimension);
    }

    public HnswSettings hnsw() {
        return new HnswSettings(hnswM, hnswBeamWidth, searchBreadth);
    }

    void writeTo(Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve(FILE), GSON.toJson(this) + "\n");
    }

    /** Reads and checks the manifest of {@code index}; anything missing or odd is a {@code CorruptIndex}. */
    static IndexManifest read(Path index) throws SimilarIndexException {
        Path file = index.resolve(FILE);
        IndexManifest m;
        try {
            m = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), IndexManifest.class);
        } catch (NoSuchFileException e) {
            throw new SimilarIndexException.CorruptIndex(index, "no " + FILE, e);
        } catch (IOException | JsonParseException e) {
            throw new SimilarIndexException.CorruptIndex(index, FILE + " cannot be read: " + e.getMessage(), e);
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new SimilarIndexException.CorruptIndex(index, FILE + " is not a RayLens similar-image manifest");
        }
        if (m.formatVersion() != VERSION) {
            throw new SimilarIndexException.CorruptIndex(index, "format version " + m.formatVersion()
                    + ", this RayLens reads " + VERSION);
        }
        if (m.weightsSha256() == null || m.recipe() == null || m.dimension() < 1 || m.count() < 1) {
            throw new SimilarIndexException.CorruptIndex(index, FILE + " lacks the model, recipe, dimension or count");
        }
        return m;
    }
}
