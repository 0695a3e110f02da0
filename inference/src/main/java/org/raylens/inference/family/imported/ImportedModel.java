package org.raylens.inference.family.imported;

import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.model.PreprocessorConfig;

import java.util.List;
import java.util.Optional;

/**
 * An imported TorchScript or ONNX model behind the family-neutral {@link Encoder} seam. It gives tokens (see
 * {@link OutputMapping}) and named outputs, and no attentions: a graph file is a black box to RayLens. A TorchScript
 * graph gives gradients ({@link ImportedGradientTail}: at its feature-map output for the CAMs, down to the input for
 * Saliency, SmoothGrad and Integrated Gradients); an ONNX graph gives none, and its capabilities say so.
 */
public final class ImportedModel implements Encoder {
    private final ImportManifest manifest;
    private final ImportedGraph graph;
    private final OutputMapping mapping;
    private final ModelProvenance provenance;
    private final ComputeTarget target;
    private final BundledHead head;

    /** @param head the model's own linear head ({@link ImportedHead}), or null */
    ImportedModel(ImportManifest manifest, ImportedGraph graph, ModelProvenance provenance, ComputeTarget target,
                  BundledHead head) {
        this.manifest = manifest;
        this.graph = graph;
        this.mapping = new OutputMapping(manifest);
        this.provenance = provenance;
        this.target = target;
        this.head = head;
    }

    public ImportManifest manifest() {
        return manifest;
    }

    /** "patch-tokens 4x4 + 1 prefix" etc.: the one-line architecture of an imported model. */
    static String describe(ImportManifest m, ImportEngine engine) {
        StringBuilder sb = new StringBuilder("imported ").append(engine.key()).append(" \"").append(m.name())
                .append("\" input ").append(m.channels()).append('x').append(m.height()).append('x').append(m.width())
                .append(" outputs");
        for (OutputSpec o : m.outputs()) {
            sb.append(' ').append(o.name()).append(':').append(o.kind().key())
                    .append(java.util.Arrays.toString(o.output().shape()).replace(" ", ""));
        }
        return sb.toString();
    }

    @Override
    public EncoderInfo info() {
        TokenLayout l = mapping.layout();
        return new EncoderInfo(graph.engine().key(), describe(manifest, graph.engine()), l.dim(), l.patchSize(), 0, 0,
                l.registers(), manifest.channels(), Math.max(manifest.height(), manifest.width()), 0, false);
    }

    @Override
    public EncoderCapabilities capabilities() {
        boolean torch = graph.engine() == ImportEngine.TORCHSCRIPT;
        return new EncoderCapabilities(false, torch && mapping.gridIsFinal() ? List.of(ImportedGradientTail.LAYER)
                : List.of(), torch);
    }

    @Override
    public Optional<BundledHead> bundledHead() {
        return Optional.ofNullable(head);
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }

    /**
     * The manifest's normalisation as an image processor (resize the short edge to the input size, centre-crop,
     * scale to 0..1, normalise); a one-channel model gets its mean and std on all three channels, and its session
     * reads a three-channel input as the channels' mean. Empty for a non-square input or 2 or 4 channels, which the
     * processor cannot describe.
     */
    @Override
    public Optional<PreprocessorConfig> preprocessor() {
        int c = manifest.channels();
        if (manifest.height() != manifest.width() || c != 1 && c != 3) {
            return Optional.empty();
        }
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int i = 0; i < 3; i++) {
            mean[i] = manifest.mean()[c == 1 ? 0 : i];
            std[i] = manifest.std()[c == 1 ? 0 : i];
        }
        int s = manifest.height();
        return Optional.of(new PreprocessorConfig(true, true, s, PreprocessorConfig.PIL_BICUBIC, true, s, s, true,
                1.0 / 255, true, mean, std));
    }

    @Override
    public List<ModelOutput> outputs() {
        return manifest.modelOutputs();
    }

    @Override
    public ComputeTarget target() {
        return target;
    }

    @Override
    public EncoderSession newSession() {
        return new ImportedSession(manifest, graph, mapping);
    }

    @Override
    public int liveArrayCount() {
        return graph.liveArrayCount();
    }

    @Override
    public void close() {
        graph.close();
    }
}
