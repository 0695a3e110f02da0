package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.head.TokenHead;

import java.util.List;
import java.util.Map;

/**
 * An adapter's differentiable head: its spec plus its parameters as NDArrays (owned by whoever created them — a
 * loaded {@link Adapter}, or the trainer, whose arrays carry gradients). Forwards use only DJL operations.
 */
public abstract class AdapterHead implements TokenHead {
    private final AdapterSpec spec;
    private final Map<String, NDArray> params;

    protected AdapterHead(AdapterSpec spec, Map<String, NDArray> params) {
        this.spec = spec;
        this.params = Map.copyOf(params);
        for (String name : AdapterTensors.expected(spec).keySet()) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("parameter " + name + " missing for " + spec.type().jsonName());
            }
        }
    }

    /** The head for a spec's type (one that reads no pooled feature). */
    public static AdapterHead create(AdapterSpec spec, Map<String, NDArray> params) {
        return create(spec, params, null);
    }

    /**
     * The head for a spec's type.
     *
     * @param pooling the encoder's pooled feature, required when the spec's input is {@link AdapterInput#POOLED}
     * @throws IllegalArgumentException when a pooled-input head gets no pooling
     */
    public static AdapterHead create(AdapterSpec spec, Map<String, NDArray> params, FeaturePooling pooling) {
        return switch (spec.type()) {
            case LINEAR -> new LinearProbeHead(spec, params, pooling);
            case ATTENTION_POOL_MLP -> new AttentionPoolHead(spec, params);
            case SEGMENTATION_LINEAR -> new SegmentationLinearHead(spec, params);
            case SEGMENTATION_CONV -> new SegmentationConvHead(spec, params);
        };
    }

    public AdapterSpec spec() {
        return spec;
    }

    protected NDArray param(String name) {
        return params.get(name);
    }

    /** The parameters by tensor name (for the trainer and for saving). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    @Override
    public int outputs() {
        return spec.outputs();
    }

    @Override
    public List<String> labels() {
        return spec.labels();
    }
}
