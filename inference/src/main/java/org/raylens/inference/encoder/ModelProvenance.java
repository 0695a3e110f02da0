package org.raylens.inference.encoder;

import java.util.List;

/**
 * Where an encoder's numbers come from, to travel with every result: the weights file, its SHA-256, the naming it
 * used, the architecture, the compute target, and every assumption made while loading.
 */
public record ModelProvenance(String weightsFile, String sha256, String naming, String architecture, String compute,
                              List<String> notes) {
    public ModelProvenance {
        notes = List.copyOf(notes);
    }

    public String oneLine() {
        return "weights=" + weightsFile + " sha256=" + sha256 + " naming=" + naming + " arch=" + architecture
                + " compute=" + compute + (notes.isEmpty() ? "" : " notes=" + String.join("; ", notes));
    }
}
