package org.raylens.app.similar;

import java.io.IOException;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * The two ways one segment's candidates are found, both scoring by {@link BinaryCodes} estimates and both returning
 * the {@code breadth} best ordinals, best first, for {@link GraphSearch} to score exactly.
 *
 * <p>{@link #fromGraph}: Lucene's own HNSW search ({@link HnswGraphSearcher}: a greedy descent through the upper
 * levels, then a beam of {@code breadth} on level 0) over the graph Lucene built and stored, with the estimates as
 * its scorer. (A beam search of our own, with a plain bit set and one heap insertion per useful visit, measured no
 * faster, so Lucene's is used.)
 *
 * <p>{@link #fromScan}: every code, in order. A visit of the graph search costs about five times a scanned code
 * (random memory access, the neighbour lists, the heaps), so when a search would visit more than a fifth of the
 * segment, as on random high-dimensional vectors, the scan is faster and finds more ({@link GraphSearch} decides).
 */
final class Candidates {
    private Candidates() {}

    /** The {@code breadth} best of all the scorer's ordinals by estimate, best first. */
    static int[] fromScan(RandomVectorScorer scorer, int breadth) throws IOException {
        LongHeap found = new LongHeap(breadth);
        for (int ord = 0, size = scorer.maxOrd(); ord < size; ord++) {
            float s = scorer.score(ord);
            if (found.size() < breadth || s > foundScore(found.top())) {
                found.insertWithOverflow(foundKey(s, ord));
            }
        }
        return bestFirst(found);
    }

    /**
     * Ordinals of the (at most) {@code breadth} best nodes Lucene's HNSW search of {@code graph} finds, best first;
     * {@code visits} (if not null) receives the number of nodes it scored.
     */
    static int[] fromGraph(HnswGraph graph, RandomVectorScorer scorer, int breadth, long[] visits)
            throws IOException {
        TopKnnCollector collector = new TopKnnCollector(breadth, Integer.MAX_VALUE);
        HnswGraphSearcher.search(scorer, collector, graph, null);
        if (visits != null) {
            visits[0] += collector.visitedCount();
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs; // the collector holds ordinals here, best first
        int[] ords = new int[found.length];
        for (int i = 0; i < found.length; i++) {
            ords[i] = found[i].doc;
        }
        return ords;
    }

    private static int[] bestFirst(LongHeap found) {
        int[] ords = new int[found.size()];
        for (int i = ords.length - 1; i >= 0; i--) { // the heap gives the worst first
            ords[i] = (int) found.pop();
        }
        return ords;
    }

    // A heap entry is one long: the score as a sortable int in the high half, the ordinal in the low half.
    private static long foundKey(float score, int ord) {
        return ((long) NumericUtils.floatToSortableInt(score) << 32) | (ord & 0xffffffffL);
    }

    private static float foundScore(long key) {
        return NumericUtils.sortableIntToFloat((int) (key >> 32));
    }
}
