package org.raylens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.raylens.app.similar.DicomUids;
import org.raylens.app.similar.Embeddings;
import org.raylens.app.similar.EmbeddingsFiles;
import org.raylens.app.similar.HnswSettings;
import org.raylens.app.similar.IndexManifest;
import org.raylens.app.similar.SimilarityIndex;
import org.raylens.viewer.source.ImageSourceRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raylens similar build}: an index folder over an embeddings table (see {@link SimilarityIndex}). */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build a similar-image index (Lucene HNSW, cosine) from embeddings.",
        footer = {"", "EMBEDDINGS is raylens embed's table (.csv), its .npy with the .npy.csv beside it, or the Spark"
            + " job's --format csv output. The Spark job's Parquet cannot be read here (it needs Hadoop): the job builds"
            + " its index itself (raylens-spark-submit index OUT --out INDEX), or runs with --format csv.", "", "The index is written whole or not at all; it records the model's weights"
            + " SHA-256, the input recipe and the dimension, and refuses queries made otherwise.", "",
            "Exit status: 0 built; 2 the embeddings cannot be used (a typed error says why); 1 the index cannot be"
            + " written; 64 usage error."})
public final class SimilarBuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMBEDDINGS", description = "embeddings.csv, or embeddings.npy (+ .npy.csv)")
    Path embeddings;

    @Option(names = "--out", description = "the index folder (default: EMBEDDINGS.similar beside the embeddings)")
    Path out;

    @Mixin
    IndexBuildOptions index = new IndexBuildOptions();

    @Option(names = "--no-read-uids", negatable = false, description = "do not read the Study/Series/SOP Instance"
            + " UIDs from the DICOM files named by a table that lacks them (raylens embed's table does)")
    boolean noReadUids;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, () -> {
            PrintWriter stdout = spec.commandLine().getOut();
            HnswSettings hnsw = index.hnsw();
            Path target = out != null ? out : embeddings.resolveSibling(embeddings.getFileName() + ".similar");
            Embeddings read = EmbeddingsFiles.read(embeddings);
            if (!noReadUids) {
                DicomUids.Filled filled = DicomUids.fill(read, ImageSourceRegistry.fromServiceLoader());
                read = filled.embeddings();
                if (!filled.unreadable().isEmpty()) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("note: the UIDs of " + filled.unreadable().size() + " image(s) could not be read and"
                            + " stay empty in the index, e.g. " + filled.unreadable().get(0));
                }
            }
            long t0 = System.nanoTime();
            IndexManifest manifest = SimilarityIndex.build(read, target, hnsw, index.overwrite(), index.threads());
            stdout.printf(Locale.ROOT, "indexed %d embeddings of %d values (weights sha256 %s, recipe %s) in %.1f s:"
                    + " %s%n", manifest.count(), manifest.dimension(), manifest.weightsSha256(), manifest.recipe(),
                    (System.nanoTime() - t0) / 1e9, target);
            stdout.flush();
            return CliExitCodes.OK;
        });
    }
}
