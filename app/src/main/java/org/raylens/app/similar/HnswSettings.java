package org.raylens.app.similar;

/**
 * How the HNSW graphs are built and searched. {@code maxConn} (HNSW's M) and {@code beamWidth} (efConstruction) are
 * fixed at build time and recorded in the manifest; {@code searchBreadth} is how many candidates a query collects
 * from each graph before the best k are kept (efSearch: Lucene's k is its beam), a query-time choice whose default the
 * manifest keeps. The graph settings are twice Lucene's own (M 16, beam width 100), which is too sparse for 768-d
 * vectors. The default breadth of 2 000 is chosen for recall on the hardest data: on 100 000 random 768-d unit vectors
 * (two graphs side by side) it found 97 % of the true top 10, against 33 %, 70 % and 90 % at breadths 100, 400 and
 * 1 000, with a query p50 of 76 ms on a 2-core machine ({@code raylens bench similar}, README). Those milliseconds are
 * nothing beside the forward pass that embeds a query image, and real embeddings, which cluster, need less.
 */
public record HnswSettings(int maxConn, int beamWidth, int searchBreadth) {
    public static final HnswSettings DEFAULT = new HnswSettings(32, 200, 2000);

    public HnswSettings {
        if (maxConn < 2 || maxConn > 512) {
            throw new IllegalArgumentException("HNSW M must be 2..512, got " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("HNSW beam width must be 1..3200, got " + beamWidth);
        }
        if (searchBreadth < 1 || searchBreadth > 10_000) {
            throw new IllegalArgumentException("search breadth must be 1..10000, got " + searchBreadth);
        }
    }
}
