package org.raylens.app.similar;

/**
 * How the HNSW graph is built and searched. {@code maxConn} (HNSW's M) and {@code beamWidth} (efConstruction) are
 * fixed at build time and recorded in the manifest; {@code searchBreadth} is how many candidates a query collects
 * before the best k are kept (efSearch: Lucene's k is its beam), a query-time choice whose default the manifest keeps.
 * The defaults are twice Lucene's own graph (M 16, beam width 100), which is too sparse for 768-d vectors: on
 * 100 000 random unit vectors Lucene's graph found 10 % of the true top 10 at breadth 100 and 50 % at 1 000, while on
 * 20 000 the default graph found 55 %, 94 % and 99.7 % at breadths 100, 400 and 1 000 (README,
 * {@code raylens bench similar}). The default breadth of 400 favours recall: its milliseconds are nothing beside the
 * forward pass that embeds a query image. Random vectors are the worst case for a graph index.
 */
public record HnswSettings(int maxConn, int beamWidth, int searchBreadth) {
    public static final HnswSettings DEFAULT = new HnswSettings(32, 200, 400);

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
