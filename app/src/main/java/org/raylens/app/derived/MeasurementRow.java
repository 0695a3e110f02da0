package org.raylens.app.derived;

import org.raylens.viewer.derived.Measurement;
import org.raylens.viewer.derived.MeasurementGroup;

/** One row of the measurements table: the group (finding, tracking identifier), the quantity, its value and units. */
public record MeasurementRow(String group, String quantity, String value, String units) {

    static MeasurementRow of(MeasurementGroup g, Measurement m) {
        String group = g.trackingIdentifier() != null ? g.trackingIdentifier()
                : g.finding() != null ? g.finding().toString() : "";
        String value = m.valueText().isBlank() ? (Double.isNaN(m.value()) ? "" : Double.toString(m.value()))
                : m.valueText();
        return new MeasurementRow(group, m.displayName(), value, m.unitsText());
    }
}
