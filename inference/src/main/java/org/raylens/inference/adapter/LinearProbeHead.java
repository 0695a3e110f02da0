package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Map;

/**
 * RayLens's one linear head over encoder tokens: logits = W·f + b with f = CLS (HF {@code pooler_output}),
 * CLS ⊕ mean(patch tokens) (DINOv2's linear evaluation), or the family's pooled feature (the encoder's
 * {@link FeaturePooling}: a fine-tuned EVA-X checkpoint's own head), as the adapter spec's input says. Every linear head is this
 * one: an adapter folder's {@code linear} type, the trainer's linear probe, a head given as plain weight arrays (the
 * CLI's {@code --head-weights}, the golden Grad-CAM reference; built with {@link Adapter#linearProbe()}) and the demo
 * encoder's scores. Probabilities come from {@link Adapter#score} ({@link Probabilities}: sigmoid or softmax as the
 * task says), so there is one way from tokens to logits to probabilities.
 *
 * <p>It is differentiable ({@link org.raylens.inference.head.TokenHead}): Grad-CAM backpropagates through it into the
 * tokens. Tokens may come in another precision (bf16/fp16 encoders) or on another device than the parameters; the
 * parameters are then converted into the tokens' scope for this call, so scoring and Grad-CAM work whatever the
 * encoder runs on. When they already match (the trainer's case) the parameters are used as they are, so their
 * gradients reach the optimiser.
 */
public final class LinearProbeHead extends AdapterHead {
    private final FeaturePooling pooling;

    LinearProbeHead(AdapterSpec spec, Map<String, NDArray> params, FeaturePooling pooling) {
        super(spec, params);
        if (spec.input().usesPooled() && pooling == null) {
            throw new IllegalArgumentException(spec.name() + " reads the encoder's pooled feature, so it needs the"
                    + " loaded encoder's pooling");
        }
        this.pooling = pooling;
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        int d = spec().encoder().hiddenSize();
        if (tokens.getShape().dimension() != 3 || tokens.getShape().get(2) != d) {
            throw new IllegalArgumentException("linear probe expects (B, N, D=" + d + ") tokens, got "
                    + tokens.getShape());
        }
        // the pooled feature is computed here, in the graph, so Grad-CAM's gradients flow through it
        NDArray f = spec().input().usesPooled() ? pooling.pool(tokens, layout) : TokenSlices.cls(tokens);
        if (spec().input().usesMeanPatch()) {
            f = NDArrays.concat(new NDList(f, TokenSlices.meanPatch(tokens, layout)), 1);
        }
        return TokenSlices.linear(f, like(param(AdapterTensors.LINEAR_WEIGHT), tokens),
                like(param(AdapterTensors.LINEAR_BIAS), tokens));
    }

    /** {@code p} in the tokens' precision and device; a converted copy belongs to the tokens' scope. */
    private static NDArray like(NDArray p, NDArray tokens) {
        if (p.getDataType() == tokens.getDataType() && p.getDevice().equals(tokens.getDevice())) {
            return p;
        }
        // always a copy (never the parameter itself), moved into the tokens' scope before any further op, so the
        // conversion's results are freed with that scope and the adapter's own memory does not grow per call
        NDArray c = p.toDevice(tokens.getDevice(), true);
        c.attach(tokens.getManager());
        return c.toType(tokens.getDataType(), false);
    }
}
