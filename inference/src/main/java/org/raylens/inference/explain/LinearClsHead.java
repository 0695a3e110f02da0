package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed linear head on the CLS token after the final LayerNorm (HF pooler_output): logits = cls · Wᵀ + b. What the
 * golden Grad-CAM reference explains, and how a probe exported as plain weight arrays (.npy) is explained without an
 * adapter folder.
 */
public final class LinearClsHead implements TokenHead {
    private final float[] weight;
    private final float[] bias;
    private final int outputs;
    private final int dim;
    private final List<String> labels;

    /** @param weight (K, D) row-major; @param bias K values */
    public LinearClsHead(float[] weight, float[] bias, int outputs, List<String> labels) {
        if (outputs <= 0 || weight.length % outputs != 0 || bias.length != outputs) {
            throw new IllegalArgumentException("linear head: weight of " + weight.length + " values and bias of "
                    + bias.length + " do not make " + outputs + " outputs");
        }
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.outputs = outputs;
        this.dim = weight.length / outputs;
        if (labels.isEmpty()) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < outputs; i++) {
                l.add("output " + i);
            }
            labels = l;
        }
        if (labels.size() != outputs) {
            throw new IllegalArgumentException(labels.size() + " labels for " + outputs + " outputs");
        }
        this.labels = List.copyOf(labels);
    }

    public int dim() {
        return dim;
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        if (tokens.getShape().get(2) != dim) {
            throw new IllegalArgumentException("head expects D=" + dim + ", the encoder gives " + tokens.getShape().get(2));
        }
        NDManager m = tokens.getManager();
        NDArray w = m.create(weight, new Shape(outputs, dim));
        NDArray b = m.create(bias, new Shape(outputs));
        if (tokens.getDataType() != w.getDataType()) {
            w = w.toType(tokens.getDataType(), false);
            b = b.toType(tokens.getDataType(), false);
        }
        NDArray cls = tokens.get(":, 0, :");
        return cls.getNDArrayInternal().linear(cls, w, b).singletonOrThrow();
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public List<String> labels() {
        return labels;
    }
}
