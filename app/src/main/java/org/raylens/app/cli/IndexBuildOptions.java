package org.raylens.app.cli;

import org.raylens.app.similar.HnswSettings;
import picocli.CommandLine.Option;

/**
 * How a similar-image index is built, the same options wherever one is: {@code raylens similar build} and the Spark
 * job's {@code index} ({@code raylens-spark-submit index}).
 */
public final class IndexBuildOptions {
    @Option(names = "--overwrite", description = "replace an existing index folder of that name")
    boolean overwrite;

    @Option(names = "--m", description = "HNSW M, links per node (default ${DEFAULT-VALUE})", defaultValue = "32")
    int m;

    @Option(names = "--beam-width", description = "HNSW beam width while building (default ${DEFAULT-VALUE})",
            defaultValue = "200")
    int beamWidth;

    @Option(names = "--search-breadth", description = "candidates a query takes from each graph by default,"
            + " found by one-bit code estimates and then scored exactly (default ${DEFAULT-VALUE}; an archive's"
            + " clustered embeddings need far fewer: see raylens bench similar --clusters)", defaultValue = "2000")
    int searchBreadth;

    @Option(names = "--threads", defaultValue = "0", description = "threads that build the index, one HNSW"
            + " graph each (of at least 20 000 images; queries search the graphs side by side; 0 = every core)")
    int threads;

    public boolean overwrite() {
        return overwrite;
    }

    /** The graph settings; an IllegalArgumentException names the one out of range. */
    public HnswSettings hnsw() {
        return new HnswSettings(m, beamWidth, searchBreadth);
    }

    /** The building threads, every core for 0. */
    public int threads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
