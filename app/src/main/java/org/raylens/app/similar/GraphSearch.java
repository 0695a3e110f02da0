package org.raylens.app.similar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * A query of one segment in two steps: the {@code breadth} most promising vectors are found by their
 * {@link BinaryCodes} estimates, then scored exactly from the stored float vectors and the best {@code k} kept, so
 * every similarity reported is exact. The graph is Lucene's, built from the exact vectors; the index on disk is a
 * plain Lucene index.
 *
 * <p>The candidates come from the HNSW graph or from a scan of every code ({@link Candidates}), whichever costs
 * less for this segment and breadth: a graph search that visits more than a fifth of the segment is slower than the
 * scan. The choice is made once per breadth from {@value #PROBES} probe searches (stored vectors spread over the
 * segment, the same ones every time, so the same index answers the same query the same way) and is reported by
 * {@link #plan}. On clustered embeddings the graph visits a small share and wins; on random 768-d vectors it visits
 * over 80 % and the scan wins.
 *
 * <p>Below {@value #MIN_ESTIMATED_DIMENSION} dimensions the estimates are too coarse (a 64-bit code has few distinct
 * values) and an exact dot product is cheap anyway, so the graph search scores exactly, as Lucene's own query does.
 * Safe for concurrent queries: each makes its own graph and vector readers.
 */
final class GraphSearch {
    /** One result: a document of the whole index (segment base added) and its exact similarity. */
    record Hit(int doc, float similarity) {}

    /** How a segment's candidates are found. */
    enum Route { GRAPH, SCAN, EXACT_GRAPH }

    /**
     * A segment's route at one breadth, and the codes the probe searches of its graph scored, as a share of the
     * segment (above 1 when the upper levels' greedy steps score nodes again; NaN where no probe was run: exact
     * scoring, or a breadth that covers the segment).
     */
    record Plan(Route route, double visitedShare) {
        @Override
        public String toString() {
            String name = route.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            return Double.isNaN(visitedShare) ? name : String.format(java.util.Locale.ROOT,
                    "%s (a graph search scores %.0f %% as many codes as a scan)", name, 100 * visitedShare);
        }
    }

    /** The smallest dimension whose search is steered by {@link BinaryCodes} estimates. */
    static final int MIN_ESTIMATED_DIMENSION = 256;
    /** Probe searches that decide a route. */
    static final int PROBES = 8;
    /**
     * What a visit of the graph search costs in scanned codes: 185 ns against 35 ns on the 2-core benchmark machine
     * (one graph of 50 000 random 768-d vectors: 7.6 ms for 41 700 visits, 1.7 ms to scan all the codes).
     */
    static final double VISIT_COST_IN_CODES = 5.0;

    private final LeafReaderContext segment;
    private final String field;
    private final HnswGraphProvider graphs;
    /** Null when the graph search scores exactly (a small dimension). */
    private final BinaryCodes codes;
    private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();

    private GraphSearch(LeafReaderContext segment, String field, HnswGraphProvider graphs, BinaryCodes codes) {
        this.segment = segment;
        this.field = field;
        this.graphs = graphs;
        this.codes = codes;
    }

    /** Prepares the search of one segment: finds its graph and encodes its vectors (a pass over them). */
    static GraphSearch of(LeafReaderContext segment, String field) throws IOException {
        if (!(segment.reader() instanceof CodecReader codec)) {
            throw new IOException("segment " + segment.ord + " is not a codec reader: " + segment.reader());
        }
        KnnVectorsReader vectors = codec.getVectorReader();
        if (vectors instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
            vectors = perField.getFieldReader(field);
        }
        if (!(vectors instanceof HnswGraphProvider graphs)) {
            throw new IOException("segment " + segment.ord + " has no HNSW graph for " + field + ": " + vectors);
        }
        FieldInfo info = segment.reader().getFieldInfos().fieldInfo(field);
        boolean estimated = info != null && info.getVectorDimension() >= MIN_ESTIMATED_DIMENSION;
        return new GraphSearch(segment, field, graphs, estimated ? BinaryCodes.of(segment.reader(), field) : null);
    }

    /** The {@code k} best of the {@code breadth} candidates found for {@code query} (unit length). */
    Hit[] search(float[] query, int k, int breadth) throws IOException {
        return rescore(query, candidates(query, breadth, plan(breadth).route()), k);
    }

    /** How this segment's candidates are found at {@code breadth} (decided on first use, then kept). */
    Plan plan(int breadth) throws IOException {
        try {
            return plans.computeIfAbsent(breadth, b -> {
                try {
                    return decide(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Plan decide(int breadth) throws IOException {
        if (codes == null) {
            return new Plan(Route.EXACT_GRAPH, Double.NaN);
        }
        int size = codes.size();
        if (breadth >= size || graphs.getGraph(field).size() == 0) {
            return new Plan(Route.SCAN, Double.NaN);
        }
        FloatVectorValues probes = segment.reader().getFloatVectorValues(field);
        long[] visits = new long[1];
        int count = Math.min(PROBES, size);
        for (int i = 0; i < count; i++) {
            int doc = codes.ordToDoc((int) ((long) i * size / count));
            probes.advance(doc);
            Candidates.fromGraph(graphs.getGraph(field), codes.estimator(SimilarityIndex.unit(probes.vectorValue())),
                    breadth, visits);
        }
        double visitedShare = (double) visits[0] / count / size;
        return new Plan(visitedShare * VISIT_COST_IN_CODES < 1 ? Route.GRAPH : Route.SCAN, visitedShare);
    }

    /** Documents of this segment the estimates rank highest. */
    private int[] candidates(float[] query, int breadth, Route route) throws IOException {
        if (route == Route.EXACT_GRAPH) {
            TopKnnCollector collector = new TopKnnCollector(breadth, Integer.MAX_VALUE);
            segment.reader().searchNearestVectors(field, query, collector, null); // exact scores, documents
            return Arrays.stream(collector.topDocs().scoreDocs).mapToInt(sd -> sd.doc).toArray();
        }
        RandomVectorScorer estimate = codes.estimator(query);
        int[] ords = route == Route.SCAN ? Candidates.fromScan(estimate, breadth)
                : Candidates.fromGraph(graphs.getGraph(field), estimate, breadth, null);
        int[] docs = new int[ords.length];
        for (int i = 0; i < ords.length; i++) {
            docs[i] = codes.ordToDoc(ords[i]);
        }
        return docs;
    }

    /** Exact similarities of the candidates, read in document order, and the best {@code k}, best first. */
    private Hit[] rescore(float[] query, int[] docs, int k) throws IOException {
        Arrays.sort(docs);
        FloatVectorValues vectors = segment.reader().getFloatVectorValues(field);
        BestK best = new BestK(Math.min(k, docs.length));
        for (int doc : docs) {
            if (vectors.docID() < doc && vectors.advance(doc) != doc) {
                throw new IOException("document " + doc + " of segment " + segment.ord + " has no vector");
            }
            best.offer(doc, VectorUtil.dotProduct(query, vectors.vectorValue()));
        }
        Hit[] hits = new Hit[best.size()];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = new Hit(segment.docBase + best.id(i), best.score(i));
        }
        return hits;
    }
}
