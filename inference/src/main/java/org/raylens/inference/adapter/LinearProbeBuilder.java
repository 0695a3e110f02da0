package org.raylens.inference.adapter;

import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.model.PreprocessorConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an in-memory linear-probe {@link Adapter} from plain weight arrays, for heads that do not come from an
 * adapter folder: a probe exported as {@code .npy} (the CLI's {@code --head-weights}), the golden Grad-CAM
 * reference's head, the demo encoder's scores. The result is an ordinary adapter, so its scores, probabilities and
 * Grad-CAM go exactly the way a loaded adapter's do. DJL {@code Criteria} style: {@code setX} for what is required,
 * {@code optX} for what has a default.
 *
 * <pre>{@code
 * try (Adapter probe = Adapter.linearProbe().setEncoder(identity).setWeights(w, b).optLabels(labels).build()) { .. }
 * }</pre>
 */
public final class LinearProbeBuilder {
    /**
     * Stands in when a head given as plain weights says nothing of how its training images were prepared: the
     * recipe then reads "not recorded" (RAD-DINO's processor fills the record's required processor field).
     */
    static final PreprocessingRecipe NOT_RECORDED = new PreprocessingRecipe(PreprocessorConfig.radDino(),
            "not recorded");

    private EncoderIdentity encoder;
    private float[] weight;
    private float[] bias;
    private String name = "linear probe";
    private Path origin = Path.of("in-memory linear probe");
    private AdapterInput input = AdapterInput.CLS;
    private AdapterTask task = AdapterTask.MULTILABEL;
    private List<String> labels = List.of();
    private double threshold = 0.5;
    private PreprocessingRecipe preprocessing = NOT_RECORDED;
    private FeaturePooling pooling;

    LinearProbeBuilder() {
    }

    /** The encoder whose tokens the probe reads (its hidden size fixes the weight's width). Required. */
    public LinearProbeBuilder setEncoder(EncoderIdentity encoder) {
        this.encoder = encoder;
        return this;
    }

    /**
     * The (K, F) weight, row-major, and the K biases (PyTorch's {@code nn.Linear} layout); F is the encoder's hidden
     * size, or twice it for {@link AdapterInput#CLS_MEAN_PATCH}. Required.
     */
    public LinearProbeBuilder setWeights(float[] weight, float[] bias) {
        this.weight = weight.clone();
        this.bias = bias.clone();
        return this;
    }

    public LinearProbeBuilder optName(String name) {
        this.name = name;
        return this;
    }

    /** What {@link Adapter#folder()} reports for this in-memory adapter (where its weights came from). */
    public LinearProbeBuilder optOrigin(Path origin) {
        this.origin = origin;
        return this;
    }

    /**
     * Which tokens it reads: {@link AdapterInput#CLS} (default), CLS ⊕ mean patch, or the family's pooled feature
     * ({@link AdapterInput#POOLED}, which needs {@link #optPooling}).
     */
    public LinearProbeBuilder optInput(AdapterInput input) {
        this.input = input;
        return this;
    }

    /** Sigmoid per output ({@link AdapterTask#MULTILABEL}, default) or one softmax ({@link AdapterTask#MULTICLASS}). */
    public LinearProbeBuilder optTask(AdapterTask task) {
        this.task = task;
        return this;
    }

    /** One label per output; default "output 0", "output 1", … */
    public LinearProbeBuilder optLabels(List<String> labels) {
        this.labels = List.copyOf(labels);
        return this;
    }

    /** One decision threshold for every output; default 0.5. */
    public LinearProbeBuilder optThreshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    /** The encoder's pooled feature ({@link org.raylens.inference.encoder.Encoder#pooling()}), for a pooled input. */
    public LinearProbeBuilder optPooling(FeaturePooling pooling) {
        this.pooling = pooling;
        return this;
    }

    public LinearProbeBuilder optPreprocessing(PreprocessingRecipe preprocessing) {
        this.preprocessing = preprocessing;
        return this;
    }

    /**
     * The adapter (its parameters in libtorch memory; the caller closes it).
     *
     * @throws IllegalArgumentException when a required part is missing or the weights do not fit the encoder
     */
    public Adapter build() {
        if (encoder == null || weight == null) {
            throw new IllegalArgumentException("a linear probe needs setEncoder(..) and setWeights(..)");
        }
        int k = bias.length;
        List<String> l = labels.isEmpty() ? defaultLabels(k) : labels;
        if (l.size() != k) {
            throw new IllegalArgumentException(l.size() + " labels for " + k + " outputs");
        }
        AdapterSpec spec = new AdapterSpec(name, AdapterType.LINEAR, input, task, l,
                Collections.nCopies(k, threshold), 0, 0, encoder, preprocessing, Optional.empty());
        long f = spec.featureSize();
        if (k == 0 || weight.length != k * f) {
            throw new IllegalArgumentException("linear probe: a weight of " + weight.length + " values and a bias of "
                    + k + " do not make (" + k + ", " + f + ") for " + input.jsonName() + " tokens of D="
                    + encoder.hiddenSize());
        }
        return Adapter.fromTensors(origin, spec, Map.of(AdapterTensors.LINEAR_WEIGHT, weight,
                AdapterTensors.LINEAR_BIAS, bias), pooling);
    }

    private static List<String> defaultLabels(int k) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            l.add("output " + i);
        }
        return l;
    }
}
