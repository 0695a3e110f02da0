package org.raylens.app.similar;

import java.io.IOException;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * The two ways one segment's candidates are found, both scoring by {@link BinaryCodes} estimates and both returning
 * the {@code breadth} best ordinals, best first, for {@link GraphSearch} to score exactly.
 *
 * <p>{@link #fromGraph}: the HNSW search (Malkov &amp; Yashunin, algorithm 5) over the graph Lucene built and stored,
 * read through Lucene's own {@link HnswGraph}: a greedy descent through the upper levels to an entry point, then a
 * beam search of level 0. Lucene's {@code HnswGraphSearcher} takes any scorer, but its per-visit bookkeeping (a
 * sparse bit set, a collector and a queue kept in step) cost as much as the estimate itself; here a visit is a bit in
 * a plain {@code long[]}, one estimate, and heap insertions only when the node can still make the answer.
 *
 * <p>{@link #fromScan}: every code, in order. A visit of the graph search costs about three times a scanned code
 * (random memory access, the neighbour lists, the heaps), so when a search would visit more than a third of the
 * segment, as on random high-dimensional vectors, the scan is faster and finds more ({@link GraphSearch} decides).
 */
final class Candidates {
    private Candidates() {}

    /** A node scorer: the estimate of the query's similarity to ordinal {@code ord}. */
    interface Scorer {
        float score(int ord);
    }

    /** The {@code breadth} best of the {@code size} ordinals by estimate, best first. */
    static int[] fromScan(Scorer scorer, int size, int breadth) {
        LongHeap found = new LongHeap(breadth);
        for (int ord = 0; ord < size; ord++) {
            float s = scorer.score(ord);
            if (found.size() < breadth || s > foundScore(found.top())) {
                found.insertWithOverflow(foundKey(s, ord));
            }
        }
        return bestFirst(found);
    }

    /** Ordinals of the (at most) {@code breadth} best nodes the graph search finds, best first. */
    static int[] fromGraph(HnswGraph graph, Scorer scorer, int breadth) throws IOException {
        if (graph.size() == 0) {
            return new int[0];
        }
        int entry = graph.entryNode();
        float entryScore = scorer.score(entry);
        for (int level = graph.numLevels() - 1; level > 0; level--) {
            boolean moved = true;
            while (moved) { // greedy: move to the best neighbour until none is better
                moved = false;
                graph.seek(level, entry);
                int best = entry;
                float bestScore = entryScore;
                for (int n = graph.nextNeighbor(); n != DocIdSetIterator.NO_MORE_DOCS; n = graph.nextNeighbor()) {
                    float s = scorer.score(n);
                    if (s > bestScore) {
                        best = n;
                        bestScore = s;
                    }
                }
                if (best != entry) {
                    entry = best;
                    entryScore = bestScore;
                    moved = true;
                }
            }
        }
        return beam(graph, scorer, entry, entryScore, breadth);
    }

    /** Level 0: expand the best unexpanded node until none can improve the {@code breadth} best found. */
    private static int[] beam(HnswGraph graph, Scorer scorer, int entry, float entryScore, int breadth)
            throws IOException {
        long[] visited = new long[(graph.maxNodeId() >>> 6) + 1];
        LongHeap frontier = new LongHeap(Math.max(16, breadth)); // best first: keys of negated order
        LongHeap found = new LongHeap(breadth); // worst first, never more than breadth
        visited[entry >>> 6] |= 1L << entry;
        frontier.push(frontierKey(entryScore, entry));
        found.push(foundKey(entryScore, entry));
        while (frontier.size() > 0) {
            long next = frontier.pop();
            float score = frontierScore(next);
            if (found.size() >= breadth && score < foundScore(found.top())) {
                break; // the best unexpanded node is worse than everything kept: nothing left can enter
            }
            graph.seek(0, (int) next);
            for (int n = graph.nextNeighbor(); n != DocIdSetIterator.NO_MORE_DOCS; n = graph.nextNeighbor()) {
                long bit = 1L << n;
                int word = n >>> 6;
                if ((visited[word] & bit) != 0) {
                    continue;
                }
                visited[word] |= bit;
                float s = scorer.score(n);
                if (found.size() < breadth || s > foundScore(found.top())) {
                    frontier.push(frontierKey(s, n));
                    found.insertWithOverflow(foundKey(s, n));
                }
            }
        }
        return bestFirst(found);
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

    private static long frontierKey(float score, int ord) {
        return ((long) ~NumericUtils.floatToSortableInt(score) << 32) | (ord & 0xffffffffL);
    }

    private static float frontierScore(long key) {
        return NumericUtils.sortableIntToFloat(~(int) (key >> 32));
    }
}
