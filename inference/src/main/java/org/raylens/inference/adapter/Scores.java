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

    public Score get(String label) {
        return scores.stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label " + label));
    }
}
