package org.raylens.viewer.derived;

import java.util.List;

/**
 * One measured quantity of a TID 1500 measurement group (a NUM content item, TID 300): what was measured, its value
 * and units, and the modifiers that qualify it (derivation "Mean", method, …) as "concept: meaning" texts.
 *
 * @param value NaN when the item has no Measured Value (a Numeric Value Qualifier says why)
 */
public record Measurement(CodedConcept name, double value, String valueText, CodedConcept units,
        List<String> modifiers) {

    public Measurement {
        modifiers = List.copyOf(modifiers);
    }

    /** "SUVbw (Mean)" — the name with its derivation or other modifiers, for a table row. */
    public String displayName() {
        String base = String.valueOf(name);
        if (modifiers.isEmpty()) {
            return base;
        }
        return base + " (" + String.join(", ", modifiers.stream().map(m -> m.substring(m.indexOf(": ") + 2))
                .toList()) + ")";
    }

    /** The units as people read them: the code meaning, else the UCUM code. */
    public String unitsText() {
        if (units == null) {
            return "";
        }
        return units.meaning() != null && !units.meaning().isBlank() ? units.meaning() : units.value();
    }
}
