package org.raylens.inference.family.imported;

import org.raylens.inference.encoder.ModelOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An imported model's {@code model.json} (format {@value #FORMAT}, docs/model-format.md), read and range-checked by
 * {@link ManifestReader}: which files hold the graph, what input it takes and how to normalise it, and what each of
 * its outputs is.
 *
 * @param file        the manifest itself (errors and provenance name it)
 * @param files       graph file names by engine (at least one), relative to the manifest's folder
 * @param prefer      the engine used when both files are present and no engine is asked for
 * @param sha256      expected SHA-256 (lower-case hex) by file name, checked before loading when given
 * @param inputName   the graph's input name (ONNX binds inputs by name)
 * @param mean        per-channel mean of {@code x = (p - mean) / std}, p in 0..1
 * @param std         per-channel std
 * @param dynamicBatch the graph accepts any batch size (else images run one at a time)
 * @param synthetic   the manifest marks the weights as random ({@code "raylens_synthetic": true}): results say DEMO
 * @param head        the graph's own classifier as a linear layer on the pooled spatial output, when declared
 *                    ({@code "head"}, read from the TorchScript archive by {@link ImportedHead})
 */
public record ImportManifest(Path file, String name, String description, Map<ImportEngine, String> files,
                             ImportEngine prefer, Map<String, String> sha256, String inputName, int channels,
                             int height, int width, boolean dynamicBatch, float[] mean, float[] std,
                             List<OutputSpec> outputs, boolean synthetic, Optional<LinearHead> head) {
    public static final String FILE_NAME = "model.json";
    public static final String FORMAT = "model-import/1";

    public ImportManifest {
        files = Map.copyOf(files);
        sha256 = Map.copyOf(sha256);
        mean = mean.clone();
        std = std.clone();
        outputs = List.copyOf(outputs);
        head = head == null ? Optional.empty() : head;
    }

    /** A manifest without a declared head. */
    public ImportManifest(Path file, String name, String description, Map<ImportEngine, String> files,
                          ImportEngine prefer, Map<String, String> sha256, String inputName, int channels, int height,
                          int width, boolean dynamicBatch, float[] mean, float[] std, List<OutputSpec> outputs,
                          boolean synthetic) {
        this(file, name, description, files, prefer, sha256, inputName, channels, height, width, dynamicBatch, mean,
                std, outputs, synthetic, Optional.empty());
    }

    /**
     * The manifest's {@code "head"}: the graph's logits output {@code logits} is {@code weight · pool + bias}, where
     * pool is the global average of the spatial output (the tokens' class token) and weight/bias are parameters of the
     * TorchScript archive, by their names in the module (e.g. {@code fc.weight}, {@code classifier.bias}).
     *
     * @param bias null for a linear layer without bias
     */
    public record LinearHead(String weight, String bias, String logits) {
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public Path folder() {
        return file.toAbsolutePath().getParent();
    }

    /** The graph file for that engine, if the manifest names one. */
    public Optional<Path> modelFile(ImportEngine engine) {
        String f = files.get(engine);
        return f == null ? Optional.empty() : Optional.of(folder().resolve(f));
    }

    /** The first output of that kind. */
    public Optional<OutputSpec> output(ModelOutput.Kind kind) {
        return outputs.stream().filter(o -> o.kind() == kind).findFirst();
    }

    /** The outputs as callers see them, in manifest order. */
    public List<ModelOutput> modelOutputs() {
        return outputs.stream().map(OutputSpec::output).toList();
    }
}
