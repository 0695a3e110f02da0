package org.raylens.inference.encoder;

import java.util.List;

/**
 * Where an encoder's numbers come from, to travel with every result: the weights file, its SHA-256, the naming it
 * used, the architecture, the compute target, every assumption made while loading, and whether the model folder
 * marks its weights as random ({@code synthetic}: every result and export must then say DEMO).
 */
public record ModelProvenance(String weightsFile, String sha256, String naming, String architecture, String compute,
                              List<String> notes, boolean synthetic) {
    public ModelProvenance {
        notes = List.copyOf(notes);
    }

    public String oneLine() {
        return "weights=" + weightsFile + " sha256=" + sha256 + " naming=" + naming + " arch=" + architecture
                + " compute=" + compute + (notes.isEmpty() ? "" : " notes=" + String.join("; ", notes));
    }
}
