package org.raylens.app.similar;

/**
 * How the HNSW graph is built and searched. {@code maxConn} (HNSW's M) and {@code beamWidth} (efConstruction) are
 * fixed at build time and recorded in the manifest; {@code searchBreadth} is how many candidates a query collects
 * before the best k are kept (efSearch: Lucene's k is its beam), a query-time choice whose default the manifest keeps.
 * The defaults reach recall@10 ≥ 0.95 on 100 000 random 768-d unit vectors ({@code raylens bench similar},
 * README), the hardest case: real embeddings cluster and are easier.
 */
public record HnswSettings(int maxConn, int beamWidth, int searchBreadth) {
    public static final HnswSettings DEFAULT = new HnswSettings(32, 200, 100);

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
