package org.raylens.inference.encoder;

import java.util.List;
import java.util.Locale;

/**
 * One named output an encoder's graph gives besides (or as) its tokens, as a model's manifest declares it: imported
 * TorchScript and ONNX models name theirs (docs/model-format.md). The values of each forward travel in
 * {@link EncoderOutput#namedOutputs()} under {@link #name()}; this record says how to read them.
 *
 * @param name       the output's name (a file name in {@code raylens forward}: letters, digits, '_', '-', '.')
 * @param kind       what the values are
 * @param shape      the shape of one image's output, batch dimension first (= 1)
 * @param labels     class or channel names (logits, masks); empty when the manifest names none
 * @param activation how logits become probabilities
 */
public record ModelOutput(String name, Kind kind, long[] shape, List<String> labels, Activation activation) {
    /** Names become file names ({@code <name>.npy}): no separators, no leading dot. */
    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public ModelOutput {
        if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("output name \"" + name + "\" must be 1..64 letters, digits, '_', '-'"
                    + " or '.', not starting with '.' or '-'");
        }
        shape = shape.clone();
        labels = List.copyOf(labels);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Values per image (the shape without its batch dimension). */
    public long perImage() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** What an output holds; its manifest spelling is {@link #key()}. */
    public enum Kind {
        /** (1, K) class scores before the activation. */
        LOGITS,
        /** (1, D) a global image feature (embed, retrieval). */
        EMBEDDING,
        /** (1, T, C) tokens: prefix tokens (CLS, registers), then a row-major patch grid. */
        PATCH_TOKENS,
        /** (1, C, h, w) a convolutional feature map. */
        FEATURE_MAP,
        /** (1, K, h, w) per-class segmentation logits or probabilities. */
        MASK;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How logits become probabilities: element-wise sigmoid (multi-label), softmax over the classes, or as they are. */
    public enum Activation {
        SIGMOID, SOFTMAX, NONE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The probabilities of one image's logits. */
        public float[] apply(float[] logits) {
            float[] p = new float[logits.length];
            switch (this) {
                case SIGMOID -> {
                    for (int i = 0; i < p.length; i++) {
                        p[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
                    }
                }
                case SOFTMAX -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (float v : logits) {
                        max = Math.max(max, v);
                    }
                    double sum = 0;
                    for (int i = 0; i < p.length; i++) {
                        sum += Math.exp(logits[i] - max);
                    }
                    for (int i = 0; i < p.length; i++) {
                        p[i] = (float) (Math.exp(logits[i] - max) / sum);
                    }
                }
                case NONE -> System.arraycopy(logits, 0, p, 0, p.length);
            }
            return p;
        }
    }
}
