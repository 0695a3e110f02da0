package org.raylens.app.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An adapter's outputs for one image: one probability per label and the threshold that turns it into a finding. */
public record AdapterScores(String adapter, List<Entry> entries) {

    public record Entry(String label, double probability, double threshold) {
        public boolean above() {
            return probability >= threshold;
        }

        /** The probability as the scores panel and the Grad-CAM caption print it, so the two always agree. */
        public String probabilityText() {
            return String.format(java.util.Locale.ROOT, "%.3f", probability);
        }
    }

    /** The entry of {@code label}, if the adapter has one. */
    public java.util.Optional<Entry> entry(String label) {
        return entries.stream().filter(e -> e.label().equals(label)).findFirst();
    }

    public AdapterScores {
        entries = List.copyOf(entries);
    }

    public static AdapterScores of(String adapter, List<String> labels, double[] probabilities, double threshold) {
        List<Entry> e = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            e.add(new Entry(labels.get(i), probabilities[i], threshold));
        }
        return new AdapterScores(adapter, e);
    }

    /** Highest probability first; ties in label order. */
    public List<Entry> sorted() {
        return entries.stream().sorted(Comparator.comparingDouble(Entry::probability).reversed()).toList();
    }
}
