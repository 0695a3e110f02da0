package org.raylens.inference.encoder;

import java.util.List;

/**
 * Where an encoder's numbers come from, to travel with every result: the weights file, its SHA-256, the naming it
 * used, the architecture, the compute target, every assumption made while loading, and whether the model folder
 * marks its weights as random ({@code synthetic}: every result and export must then say DEMO), and the precision the
 * numbers were computed in ({@code precision}: bf16 results say so wherever this record goes).
 */
public record ModelProvenance(String weightsFile, String sha256, String naming, String architecture, String compute,
                              List<String> notes, boolean synthetic, Precision precision) {
    public ModelProvenance {
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(precision, "precision");
    }

    /** For encoders that always compute in float32 (imported graphs, pure-Java test encoders). */
    public ModelProvenance(String weightsFile, String sha256, String naming, String architecture, String compute,
                           List<String> notes, boolean synthetic) {
        this(weightsFile, sha256, naming, architecture, compute, notes, synthetic, Precision.FP32);
    }

    public String oneLine() {
        return "weights=" + weightsFile + " sha256=" + sha256 + " naming=" + naming + " arch=" + architecture
                + " compute=" + compute + " precision=" + precision.label() + (notes.isEmpty() ? "" : " notes=" + String.join("; ", notes));
    }
}
