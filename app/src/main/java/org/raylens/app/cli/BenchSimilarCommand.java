package org.raylens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.raylens.app.similar.HnswSettings;
import org.raylens.app.similar.RecallBenchmark;
import org.raylens.app.similar.SimilarityIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raylens bench similar}: the similar-image index on random unit vectors — recall@k against exact brute force,
 * single-query latency (p50, p99), build time and index size ({@link RecallBenchmark}).
 */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Benchmark the similar-image index: recall@k against brute force, query latency, build time, size.")
public final class BenchSimilarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "100000", description = "vectors in the index (default 100000)")
    int count;

    @Option(names = "--dim", defaultValue = "768", description = "values per vector (default 768, RAD-DINO's)")
    int dim;

    @Option(names = "--queries", defaultValue = "1000", description = "queries timed and checked (default 1000)")
    int queries;

    @Option(names = "-k", defaultValue = "10", description = "neighbours per query (default 10)")
    int k;

    @Option(names = "--seed", defaultValue = "18", description = "random seed of the vectors")
    long seed;

    @Option(names = "--m", description = "HNSW M, links per node (default " + "32" + ")")
    Integer m;

    @Option(names = "--beam-width", description = "HNSW beam width at build (default 200)")
    Integer beamWidth;

    @Option(names = "--search-breadth", split = ",", description = "candidates collected per query (default 2000); a"
            + " comma-separated list measures each on the same index (the first one gives the recall@ and p50 lines)")
    int[] breadths;

    @Option(names = "--threads", defaultValue = "0", description = "threads that build the index (one HNSW graph"
            + " each, of at least 20 000 vectors) and run the brute force (0 = every core)")
    int threads;

    @Option(names = "--clusters", defaultValue = "0", description = "draw the vectors (and queries) around this many"
            + " random centres, like a real encoder's embeddings, instead of uniformly (default 0: uniform)")
    int clusters;

    @Option(names = "--spread", defaultValue = "1.0", description = "with --clusters: the noise's length beside the"
            + " centre's (1 = a vector's cosine to its centre is about 0.7)")
    double spread;

    @Option(names = "--dir", description = "where the index is built (default: a temporary folder, deleted after)")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (count < 1 || dim < 1 || queries < 1 || k < 1 || clusters < 0 || !(spread > 0)) {
            spec.commandLine().getErr().println("error: --count, --dim, --queries, -k and --spread must be positive,"
                    + " --clusters not negative");
            return CliExitCodes.USAGE;
        }
        HnswSettings d = HnswSettings.DEFAULT;
        HnswSettings hnsw = new HnswSettings(m == null ? d.maxConn() : m, beamWidth == null ? d.beamWidth() : beamWidth,
                breadths == null ? d.searchBreadth() : breadths[0]);
        int[] sweep = breadths == null ? new int[]{d.searchBreadth()} : breadths;
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        SplittableRandom random = new SplittableRandom(seed);
        float[][] vectors;
        float[][] qs;
        if (clusters > 0) {
            float[][] centres = RecallBenchmark.unitVectors(clusters, dim, random);
            vectors = RecallBenchmark.around(centres, count, spread, random);
            qs = RecallBenchmark.around(centres, queries, spread, random);
        } else {
            vectors = RecallBenchmark.unitVectors(count, dim, random);
            qs = RecallBenchmark.unitVectors(queries, dim, random);
        }
        String data = clusters > 0 ? String.format(Locale.ROOT, "unit vectors around %d random centres (spread %.2f)",
                clusters, spread) : "random unit vectors";
        Path temp = dir == null ? Files.createTempDirectory("raylens-bench-similar") : null;
        Path folder = dir != null ? dir : temp.resolve("index");
        try {
            List<RecallBenchmark.Result> results = RecallBenchmark.run(vectors, qs, k, hnsw, sweep, folder, t);
            RecallBenchmark.Result r = results.get(0);
            out.printf(Locale.ROOT, "similar index: %d %s of %d-d (seed %d), HNSW M=%d beamWidth=%d,"
                    + " cosine, %d graph(s) searched side by side, %d thread(s); search breadth %d%n", count, data, dim,
                    seed,
                    hnsw.maxConn(), hnsw.beamWidth(), SimilarityIndex.graphCount(count, t), t, r.searchBreadth());
            out.printf(Locale.ROOT, "build: %.1f s (%.0f vectors/s)%n", r.buildSeconds(), count / r.buildSeconds());
            out.printf(Locale.ROOT, "index size: %.1f MiB%n", r.indexBytes() / 1048576.0);
            out.printf(Locale.ROOT, "open: %.2f s (reads the index and encodes its vectors)%n", r.openSeconds());
            out.printf(Locale.ROOT, "candidates found by (each graph): %s%n", r.plans());
            out.printf(Locale.ROOT, "recall@%d: %.4f (%d queries against exact brute force)%n", k, r.recall(),
                    queries);
            out.printf(Locale.ROOT, "query p50: %.2f ms%n", r.p50Millis());
            out.printf(Locale.ROOT, "query p99: %.2f ms%n", r.p99Millis());
            out.printf(Locale.ROOT, "query mean: %.2f ms%n", r.meanMillis());
            out.printf(Locale.ROOT, "exact brute force: %.2f ms per query (plain Java, %d thread(s))%n",
                    r.exactMillisPerQuery(), r.exactThreads());
            for (RecallBenchmark.Result other : results.subList(1, results.size())) {
                out.printf(Locale.ROOT, "search breadth %d: recall@%d %.4f, query p50 %.2f ms, p99 %.2f ms (%s)%n",
                        other.searchBreadth(), k, other.recall(), other.p50Millis(), other.p99Millis(),
                        other.plans());
            }
            out.flush();
            return CliExitCodes.OK;
        } finally {
            if (temp != null) {
                org.raylens.core.io.Folders.deleteTree(temp);
            }
        }
    }

}
