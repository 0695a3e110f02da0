package org.raylens.app.similar;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;
import org.raylens.core.io.AtomicFolder;

/**
 * A similar-image index: a folder holding a Lucene index of the embeddings as HNSW vectors (cosine) with each
 * image's path and UIDs stored beside its vector, and a {@link IndexManifest} saying which model, recipe and dimension
 * they are. Built whole into a hidden staging folder and renamed into place ({@link AtomicFolder}), so a failure or a
 * kill mid-build leaves no index, or the old one, never half of one. Opened read-only; a query states its own
 * provenance and is refused with a typed error when it differs from the index's ({@link #query}).
 *
 * <p>The index holds one HNSW graph per core that builds it (at least {@value #MIN_ROWS_PER_GRAPH} images each, so a
 * small index is one graph), built side by side from consecutive slices of the rows, in order, so the same rows and
 * settings give the same index. Opening it encodes each graph's vectors as {@link BinaryCodes} (one bit a dimension,
 * in memory); a query searches the graphs side by side, one thread each ({@link GraphSearch}): the candidates are
 * found by code estimates, through the graph or by a scan of the codes, whichever is cheaper for that graph, and
 * are then scored exactly, so the similarities reported are exact cosines.
 */
public final class SimilarityIndex implements Closeable {
    static final String LUCENE_FOLDER = "lucene";
    static final String VECTOR = "embedding";
    static final String PATH = "path";
    static final String STUDY = "study_uid";
    static final String SERIES = "series_uid";
    static final String SOP = "sop_uid";
    /**
     * Cosine similarity, computed as the dot product of vectors normalised to unit length when they are indexed and
     * queried: Lucene's documentation of {@code COSINE} calls this the preferred way, and it is about twice as fast
     * (one sum per pair instead of three: the dot product and both norms).
     */
    static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    /** Below this many images a graph is not split: a query of a small graph is fast whatever the cores. */
    static final int MIN_ROWS_PER_GRAPH = 20_000;

    private final Path folder;
    private final IndexManifest manifest;
    private final Directory directory;
    private final DirectoryReader reader;
    private final ExecutorService graphSearches;
    private final List<GraphSearch> graphs;

    private SimilarityIndex(Path folder, IndexManifest manifest, Directory directory, DirectoryReader reader,
                            ExecutorService graphSearches, List<GraphSearch> graphs) {
        this.folder = folder;
        this.manifest = manifest;
        this.directory = directory;
        this.reader = reader;
        this.graphSearches = graphSearches;
        this.graphs = graphs;
    }

    /**
     * Builds an index of {@code embeddings} at {@code target} (a folder), replacing an existing one only when
     * {@code overwrite}. Uses up to {@code threads} threads, one graph each (see the class comment).
     */
    public static IndexManifest build(Embeddings embeddings, Path target, HnswSettings hnsw, boolean overwrite,
                                      int threads) throws IOException {
        EmbeddingProvenance p = embeddings.provenance();
        IndexManifest manifest = new IndexManifest(IndexManifest.FORMAT, IndexManifest.VERSION, p.weightsSha256(),
                p.recipe(), p.dimension(), embeddings.rows().size(), "cosine (unit vectors, Lucene DOT_PRODUCT)",
                Version.LATEST.toString(), hnsw.maxConn(), hnsw.beamWidth(), hnsw.searchBreadth(),
                embeddings.source() == null ? "" : embeddings.source().toString(), Instant.now().toString());
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int graphs = graphCount(embeddings.rows().size(), threads);
        AtomicFolder.write(target, overwrite, staging -> {
            writeLucene(staging, embeddings.rows(), hnsw, graphs);
            manifest.writeTo(staging); // last: a folder without it is never taken for an index
        });
        return manifest;
    }

    /**
     * How many graphs an index of {@code rows} images built by {@code threads} threads holds: one per thread, each of
     * at least {@link #MIN_ROWS_PER_GRAPH} images.
     */
    public static int graphCount(int rows, int threads) {
        return Math.max(1, Math.min(Math.max(1, threads), rows / MIN_ROWS_PER_GRAPH));
    }

    /**
     * Writes {@code graphs} one-segment indexes of consecutive slices of the rows, side by side, into
     * {@code staging/graph-i}, then copies their segments, in order, into {@code staging/lucene} (Lucene's
     * {@code addIndexes} copies segments without merging them, so each keeps its graph) and removes the parts.
     */
    private static void writeLucene(Path staging, List<Embeddings.Row> rows, HnswSettings hnsw, int graphs)
            throws IOException {
        Path luceneFolder = staging.resolve(LUCENE_FOLDER);
        if (graphs == 1) {
            writeGraph(luceneFolder, rows, hnsw, 1);
            return;
        }
        List<Path> parts = new ArrayList<>();
        for (int g = 0; g < graphs; g++) {
            parts.add(staging.resolve("graph-" + g));
        }
        ExecutorService builders = Executors.newFixedThreadPool(graphs, DaemonThreads.named("raylens-similar-build"));
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int g = 0; g < graphs; g++) {
                List<Embeddings.Row> slice = rows.subList((int) ((long) rows.size() * g / graphs),
                        (int) ((long) rows.size() * (g + 1) / graphs));
                Path part = parts.get(g);
                tasks.add(() -> {
                    writeGraph(part, slice, hnsw, graphs);
                    return null;
                });
            }
            inParallel(builders, tasks);
        } finally {
            builders.shutdownNow();
        }
        Files.createDirectories(luceneFolder);
        try (Directory dir = FSDirectory.open(luceneFolder);
             IndexWriter writer = new IndexWriter(dir, writerConfig(hnsw, graphs)
                     .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE))) { // the graphs stay apart
            Directory[] from = new Directory[graphs];
            try {
                for (int g = 0; g < graphs; g++) {
                    from[g] = FSDirectory.open(parts.get(g));
                }
                writer.addIndexes(from);
            } finally {
                for (Directory d : from) {
                    if (d != null) {
                        d.close();
                    }
                }
            }
            writer.commit(); // Lucene fsyncs its files and the folder here
        }
        for (Path part : parts) {
            org.raylens.core.io.Folders.deleteTree(part);
        }
    }

    private static IndexWriterConfig writerConfig(HnswSettings hnsw, int graphs) {
        KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(hnsw.maxConn(), hnsw.beamWidth());
        return new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(ramBufferMb(graphs))
                .setUseCompoundFile(false)
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return vectors;
                    }
                });
    }

    /** One graph: the rows in order, one segment (forced, should the buffer have flushed more than once). */
    private static void writeGraph(Path folder, List<Embeddings.Row> rows, HnswSettings hnsw, int graphs)
            throws IOException {
        Files.createDirectories(folder);
        try (Directory dir = FSDirectory.open(folder);
             IndexWriter writer = new IndexWriter(dir, writerConfig(hnsw, graphs))) {
            for (Embeddings.Row row : rows) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(VECTOR, unit(row.vector()), SIMILARITY));
                IndexedImage image = row.image();
                doc.add(new StoredField(PATH, image.path()));
                doc.add(new StoredField(STUDY, image.studyUid()));
                doc.add(new StoredField(SERIES, image.seriesUid()));
                doc.add(new StoredField(SOP, image.sopUid()));
                writer.addDocument(doc);
            }
            writer.forceMerge(1);
            writer.commit();
        }
    }

    /**
     * A quarter of the heap, shared by the graphs built at once (64 MB to 2 GB each), for Lucene's indexing buffer: a
     * graph's rows that fit are flushed as one segment whose graph was built once, instead of several segments whose
     * graphs the final merge would build again.
     */
    private static double ramBufferMb(int graphs) {
        long share = Runtime.getRuntime().maxMemory() / 4 / graphs / (1024 * 1024);
        return Math.max(64, Math.min(2000, share));
    }

    /** Opens the index folder {@code folder}, checking that its manifest and its Lucene index agree. */
    public static SimilarityIndex open(Path folder) throws SimilarIndexException {
        if (!Files.isDirectory(folder)) {
            throw new SimilarIndexException.CorruptIndex(folder, "no such folder");
        }
        IndexManifest manifest = IndexManifest.read(folder);
        Directory dir = null;
        DirectoryReader reader = null;
        ExecutorService pool = null;
        try {
            dir = FSDirectory.open(folder.resolve(LUCENE_FOLDER));
            reader = DirectoryReader.open(dir);
            if (reader.numDocs() != manifest.count()) {
                throw new SimilarIndexException.CorruptIndex(folder, "the manifest says " + manifest.count()
                        + " images, the Lucene index holds " + reader.numDocs());
            }
            FieldInfo field = FieldInfos.getMergedFieldInfos(reader).fieldInfo(VECTOR);
            if (field == null || field.getVectorDimension() != manifest.dimension()) {
                throw new SimilarIndexException.CorruptIndex(folder, "the Lucene index has no "
                        + manifest.dimension() + "-dimensional vectors");
            }
            int threads = Math.min(reader.leaves().size(), Runtime.getRuntime().availableProcessors());
            pool = threads > 1 ? Executors.newFixedThreadPool(threads, DaemonThreads.named("raylens-similar-search"))
                    : null;
            List<GraphSearch> graphs = inParallel(pool, reader.leaves().stream()
                    .map(leaf -> (Callable<GraphSearch>) () -> GraphSearch.of(leaf, VECTOR)).toList());
            return new SimilarityIndex(folder, manifest, dir, reader, pool, graphs);
        } catch (SimilarIndexException e) {
            closeQuietly(reader, dir, pool, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            // Lucene's own: IndexNotFoundException, CorruptIndexException, NoSuchFileException, a bad codec name...
            SimilarIndexException typed = new SimilarIndexException.CorruptIndex(folder,
                    "Lucene cannot open it: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            closeQuietly(reader, dir, pool, typed);
            throw typed;
        }
    }

    private static void closeQuietly(DirectoryReader reader, Directory dir, ExecutorService pool, Exception primary) {
        if (pool != null) {
            pool.shutdownNow();
        }
        for (Closeable c : new Closeable[]{reader, dir}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    primary.addSuppressed(e);
                }
            }
        }
    }

    public IndexManifest manifest() {
        return manifest;
    }

    public Path folder() {
        return folder;
    }

    /** Whether the folder still holds the index this was opened from (a rebuild writes a new manifest). */
    public boolean isCurrent() {
        try {
            return IndexManifest.read(folder).equals(manifest);
        } catch (SimilarIndexException e) {
            return false;
        }
    }

    /**
     * The {@code k} images most similar to {@code vector}, best first, after checking that the query was made like
     * the index's embeddings: the same weights, recipe and dimension, else a typed {@link SimilarIndexException}.
     */
    public List<SimilarHit> query(float[] vector, EmbeddingProvenance of, int k) throws IOException {
        checkComparable(of);
        return search(vector, k, manifest.searchBreadth());
    }

    /** Refuses a query whose provenance differs from the index's (model first: it is the likeliest mistake). */
    public void checkComparable(EmbeddingProvenance of) throws SimilarIndexException {
        if (!manifest.weightsSha256().equals(of.weightsSha256())) {
            throw new SimilarIndexException.ModelMismatch(folder, manifest.weightsSha256(), of.weightsSha256());
        }
        if (!manifest.recipe().equals(of.recipe())) {
            throw new SimilarIndexException.RecipeMismatch(folder, manifest.recipe(), of.recipe());
        }
        if (manifest.dimension() != of.dimension()) {
            throw new SimilarIndexException.DimensionMismatch(folder, manifest.dimension(), of.dimension());
        }
    }

    /**
     * The raw search (no provenance check; the benchmark's vectors have none): collects {@code breadth} candidates
     * from each graph, scores them exactly and keeps the best {@code k}.
     */
    public List<SimilarHit> search(float[] vector, int k, int breadth) throws IOException {
        if (vector.length != manifest.dimension()) {
            throw new SimilarIndexException.DimensionMismatch(folder, manifest.dimension(), vector.length);
        }
        EmbeddingsBuilder.checkVector(folder, 0, vector);
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        float[] unit = unit(vector);
        int candidates = Math.max(k, breadth);
        List<GraphSearch.Hit> found = new ArrayList<>();
        for (GraphSearch.Hit[] part : inParallel(graphSearches, graphs.stream()
                .map(g -> (Callable<GraphSearch.Hit[]>) () -> g.search(unit, k, candidates)).toList())) {
            found.addAll(List.of(part));
        }
        found.sort((a, b) -> Float.compare(b.similarity(), a.similarity()));
        StoredFields stored = reader.storedFields();
        List<SimilarHit> hits = new ArrayList<>(Math.min(k, found.size()));
        for (GraphSearch.Hit h : found.subList(0, Math.min(k, found.size()))) {
            Document d = stored.document(h.doc());
            IndexedImage image = new IndexedImage(d.get(PATH), d.get(STUDY), d.get(SERIES), d.get(SOP));
            hits.add(new SimilarHit(hits.size() + 1, image, h.similarity()));
        }
        return hits;
    }

    /** How each graph finds its candidates at {@code breadth}, in graph order (for the benchmark's report). */
    List<GraphSearch.Plan> plans(int breadth) throws IOException {
        List<GraphSearch.Plan> plans = new ArrayList<>();
        for (GraphSearch g : graphs) {
            plans.add(g.plan(breadth));
        }
        return plans;
    }

    /**
     * Runs the tasks on {@code pool} (or here, one after another, when there is none) and returns their results in
     * order; an I/O or runtime failure of one is rethrown as it was. Builds and searches of the graphs go through it.
     */
    private static <T> List<T> inParallel(ExecutorService pool, List<Callable<T>> tasks) throws IOException {
        List<T> results = new ArrayList<>(tasks.size());
        if (pool == null || tasks.size() == 1) {
            for (Callable<T> task : tasks) {
                try {
                    results.add(task.call());
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            return results;
        }
        try {
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the graphs");
        }
    }

    /** {@code v} scaled to unit length (a copy; the caller's vector is left as it is). */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * inv;
        }
        return u;
    }

    /** Bytes the index folder takes on disk. */
    public static long sizeOnDisk(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    @Override
    public void close() throws IOException {
        if (graphSearches != null) {
            graphSearches.shutdownNow();
        }
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
