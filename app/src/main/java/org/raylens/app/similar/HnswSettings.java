package org.raylens.app.similar;

/**
 * How the HNSW graphs are built and searched. {@code maxConn} (HNSW's M) and {@code beamWidth} (efConstruction) are
 * fixed at build time and recorded in the manifest; {@code searchBreadth} is how many candidates a query takes from
 * each graph, by code estimate, to score exactly (the beam of the graph search, or the best of a scan), a query-time
 * choice whose default the manifest keeps. The graph settings are twice Lucene's own (M 16, beam width 100), which is
 * too sparse for 768-d vectors. The default breadth of 2 000 is chosen for recall on the hardest data: on 100 000
 * random 768-d unit vectors (two graphs side by side) it found 98.4 % of the true top 10 at a query p50 of 5.3 ms on a
 * 2-core machine, against 89 %, 95 % and 97 % at breadths 500, 1 000 and 1 500 ({@code raylens bench similar},
 * README); the breadth costs little, since the exact scoring of the candidates is the smaller part of a query.
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
