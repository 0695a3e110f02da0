package org.raylens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;
import org.raylens.app.similar.EmbeddingProvenance;
import org.raylens.app.similar.Embeddings;
import org.raylens.app.similar.EmbeddingsFiles;
import org.raylens.app.similar.SimilarHit;
import org.raylens.app.similar.SimilarIndexException;
import org.raylens.app.similar.SimilarityIndex;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code raylens similar query}: the k images of an index most similar to an image (embedded here with the index's
 * model and recipe) or to an embedding from a file. The query's provenance is checked against the index's: another
 * model, recipe or dimension is a typed error, never a silent list of meaningless neighbours.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Print the k images of an index most similar to an image or an embedding.",
        footer = {"", "Output: one line per hit, tab-separated: rank, similarity (cosine), path, Study, Series and SOP"
            + " Instance UIDs (empty when the embeddings did not record them).", "",
            "Exit status: 0 found; 2 the index, image, model or embedding cannot be used (another model's index, a"
            + " damaged index...: a typed error says which); 64 usage error."})
public final class SimilarQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--index", required = true, description = "the index folder (raylens similar build)")
    Path index;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--image", description = "an image (DICOM, PNG, JPEG, TIFF) to embed with --model")
        Path image;

        @Option(names = "--embedding", description = "an embedding .npy (D, or N x D with --row); its provenance is"
                + " read from the .npy.csv that raylens embed writes beside it")
        Path embedding;
    }

    @Option(names = "-k", defaultValue = "10", description = "how many similar images (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--row", defaultValue = "0", description = "which row of an N x D --embedding (default 0)")
    int row;

    @Option(names = "--search-breadth", description = "candidates to take from each graph and score"
            + " exactly (default: the index's)")
    Integer breadth;

    @Option(names = "--same-model-as-index", description = "an --embedding .npy without its .npy.csv carries no"
            + " provenance: state that it was made with the index's model and recipe (only its length is checked)")
    boolean sameModel;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, () -> {
            if (k < 1 || k > 10_000) {
                spec.commandLine().getErr().println("error: -k must be 1..10000, got " + k);
                return CliExitCodes.USAGE;
            }
            try (SimilarityIndex idx = SimilarityIndex.open(index)) {
                Vector q = query.image != null ? embedImage(idx) : readEmbedding(idx);
                idx.checkComparable(q.provenance());
                List<SimilarHit> hits = idx.search(q.values(), k,
                        breadth != null ? breadth : idx.manifest().searchBreadth());
                print(hits);
                return CliExitCodes.OK;
            }
        });
    }

    private record Vector(float[] values, EmbeddingProvenance provenance) {}

    private void print(List<SimilarHit> hits) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("rank\tsimilarity\tpath\tstudy_uid\tseries_uid\tsop_uid");
        for (SimilarHit h : hits) {
            out.printf(Locale.ROOT, "%d\t%.4f\t%s\t%s\t%s\t%s%n", h.rank(), h.similarity(), h.image().path(),
                    h.image().studyUid(), h.image().seriesUid(), h.image().sopUid());
        }
        out.flush();
    }

    /** Embeds the image as {@code raylens embed} would, with the index's recipe; the model's SHA is checked after. */
    private Vector embedImage(SimilarityIndex idx) throws IOException {
        if (modelOptions.model == null) {
            throw new IllegalArgumentException("--image needs --model: the image is embedded with it, and its weights"
                    + " SHA-256 must be the index's (" + idx.manifest().weightsSha256() + ")");
        }
        InputRecipe recipe;
        try {
            recipe = InputRecipe.parse(idx.manifest().recipe());
        } catch (IllegalArgumentException e) {
            throw new SimilarIndexException.RecipeMismatch(index, idx.manifest().recipe(), InputRecipe.DEFAULT.id());
        }
        EmbedInput in = new ViewerImageInputReader(recipe).readFile(query.image);
        PrintWriter err = spec.commandLine().getErr();
        try (Encoder model = modelOptions.load(err); EncoderSession session = model.newSession()) {
            String sha = model.provenance().sha256();
            // refused before the forward: a model mismatch should not cost a forward pass
            idx.checkComparable(new EmbeddingProvenance(sha, recipe.id(), idx.manifest().dimension()));
            FloatTensor tensor;
            if (in instanceof EmbedInput.Grey g) {
                PreprocessorConfig pc = model.preprocessor().orElse(PreprocessorConfig.radDino());
                tensor = new BitImageProcessor(pc).process(g.image(), query.image.toString()).tensor();
            } else {
                tensor = ((EmbedInput.Normalised) in).tensor();
            }
            float[] v = session.forward(tensor, ForwardOptions.defaults()).pooled(0);
            return new Vector(v, new EmbeddingProvenance(sha, recipe.id(), v.length));
        }
    }

    private Vector readEmbedding(SimilarityIndex idx) throws IOException {
        Path npy = query.embedding;
        Path sidecar = npy.resolveSibling(npy.getFileName() + ".csv");
        if (Files.isRegularFile(sidecar)) {
            Embeddings e = EmbeddingsFiles.read(npy);
            if (row < 0 || row >= e.rows().size()) {
                throw new IllegalArgumentException("--row " + row + " is outside " + npy + " (" + e.rows().size()
                        + " rows)");
            }
            return new Vector(e.rows().get(row).vector(), e.provenance());
        }
        if (!sameModel) {
            throw new SimilarIndexException.UnsupportedEmbeddings(npy, "no " + sidecar.getFileName() + " beside it,"
                    + " so nothing says which model made it; embed with raylens embed --out X.npy (it writes both), or"
                    + " pass --same-model-as-index if you know it was made with the index's model and recipe");
        }
        FloatTensor t = NpyReader.read(npy);
        int dim = t.shape().length == 0 ? 0 : t.dim(t.rank() - 1);
        int rows = t.rank() == 1 ? 1 : t.dim(0);
        if (t.rank() > 2 || row < 0 || row >= rows) {
            throw new IllegalArgumentException(npy + " has shape " + java.util.Arrays.toString(t.shape())
                    + "; expected D or N x D with --row below N");
        }
        float[] v = java.util.Arrays.copyOfRange(t.data(), row * dim, (row + 1) * dim);
        EmbeddingProvenance indexed = idx.manifest().provenance();
        return new Vector(v, new EmbeddingProvenance(indexed.weightsSha256(), indexed.recipe(), v.length));
    }
}
