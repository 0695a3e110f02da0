package org.raylens.inference.adapter;

import java.util.List;

/**
 * A classification adapter's output for one image: per label the probability (sigmoid for multi-label, softmax for
 * multi-class), the decision threshold from {@code adapter.json}, and whether the probability is at or above it.
 *
 * @param provenance adapter name and folder, encoder weights SHA-256, preprocessing recipe: one line
 */
public record Scores(List<Score> scores, String provenance) {
    public Scores {
        scores = List.copyOf(scores);
    }

    public record Score(String label, double probability, double threshold, boolean above) {
    }

    /** The decision threshold of a model's own probabilities, which carry none (an adapter's come from adapter.json). */
    public static final double BUNDLED_THRESHOLD = 0.5;

    /**
     * The scores of a model whose graph gives logits itself (an imported model's {@code logits} output): its
     * activation turns one image's logits into probabilities, labelled by the output's labels ("class i" when it
     * names none), each against {@link #BUNDLED_THRESHOLD}.
     *
     * @param logits one image's K logits
     */
    public static Scores fromLogits(org.raylens.inference.encoder.ModelOutput output, float[] logits,
                                    String provenance) {
        if (output.kind() != org.raylens.inference.encoder.ModelOutput.Kind.LOGITS || logits.length != output.perImage()) {
            throw new IllegalArgumentException("output " + output.name() + " is " + output.kind().key() + " of "
                    + output.perImage() + " values per image, not " + logits.length + " logits");
        }
        float[] p = output.activation().apply(logits);
        List<Score> out = new java.util.ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            String label = output.labels().isEmpty() ? "class " + i : output.labels().get(i);
            out.add(new Score(label, p[i], BUNDLED_THRESHOLD, p[i] >= BUNDLED_THRESHOLD));
        }
        return new Scores(out, provenance);
    }

    public Score get(String label) {
        return scores.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label " + label));
    }
}
