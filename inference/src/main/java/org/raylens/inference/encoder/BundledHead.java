package org.raylens.inference.encoder;

import java.util.List;

/**
 * A classification head that came with an encoder's weights (a fine-tuned checkpoint's {@code head.weight/bias}): a
 * linear layer on the family's pooled feature ({@link Encoder#pooling()}), logits = weight · pooled + bias. The
 * adapter package turns it into an ordinary adapter, so scores and Grad-CAM treat it like any other head.
 *
 * @param name        what to call it, e.g. "eva_x_tiny_patch16_cxr14_ft.pth head"
 * @param weight      (K, D) row-major
 * @param bias        (K)
 * @param labels      K label names (user-given, a known dataset's, or "class i")
 * @param labelSource where the labels came from, in words (shown with the scores)
 */
public record BundledHead(String name, float[] weight, float[] bias, List<String> labels, String labelSource) {
    public BundledHead {
        labels = List.copyOf(labels);
        if (bias.length == 0 || weight.length % bias.length != 0 || labels.size() != bias.length) {
            throw new IllegalArgumentException("a head needs (K, D) weights, K biases and K labels; got "
                    + weight.length + " weights, " + bias.length + " biases, " + labels.size() + " labels");
        }
        weight = weight.clone();
        bias = bias.clone();
    }

    public int classes() {
        return bias.length;
    }

    /** A copy with other label names (a user's list given at run time). */
    public BundledHead withLabels(List<String> other, String source) {
        return new BundledHead(name, weight, bias, other, source);
    }
}
