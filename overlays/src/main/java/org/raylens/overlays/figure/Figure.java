package org.raylens.overlays.figure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.Legend;
import org.raylens.overlays.chart.ScoresChart;

/**
 * Everything an exported figure shows: one or more panels in a row (original | attention | Grad-CAM | mask), the
 * colorbars of their maps, a legend, the scores chart, and the provenance footer. Patient identity is carried but
 * printed only when {@link #includePatientIdentity()} is true; the default is a de-identified figure.
 *
 * <p>Built with {@link #builder(Provenance)}: {@code setX} for what a figure needs, {@code optX} for the rest.
 */
public record Figure(List<FigurePanel> panels, List<Colorbar> colorbars, Legend legend, ScoresChart scores,
        Provenance provenance, PatientIdentity patient, boolean includePatientIdentity) {

    public Figure {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        panels = List.copyOf(panels);
        colorbars = List.copyOf(colorbars);
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The patient line to burn in, or null when the figure is de-identified (the default). */
    public String patientLine() {
        return includePatientIdentity && patient != null ? patient.line() : null;
    }

    public static Builder builder(Provenance provenance) {
        return new Builder(provenance);
    }

    /** Builds a {@link Figure}. */
    public static final class Builder {
        private final Provenance provenance;
        private final List<FigurePanel> panels = new ArrayList<>();
        private final List<Colorbar> colorbars = new ArrayList<>();
        private Legend legend;
        private ScoresChart scores;
        private PatientIdentity patient;
        private boolean includePatientIdentity;

        private Builder(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
        }

        /** Adds a panel to the right of those already added. */
        public Builder addPanel(FigurePanel panel) {
            panels.add(Objects.requireNonNull(panel, "panel"));
            return this;
        }

        public Builder addColorbar(Colorbar colorbar) {
            colorbars.add(Objects.requireNonNull(colorbar, "colorbar"));
            return this;
        }

        public Builder optLegend(Legend legend) {
            this.legend = legend;
            return this;
        }

        public Builder optScores(ScoresChart scores) {
            this.scores = scores;
            return this;
        }

        /** The source's identity; printed only if {@link #optIncludePatientIdentity(boolean)} is also set. */
        public Builder optPatient(PatientIdentity patient) {
            this.patient = patient;
            return this;
        }

        /** Burns the patient's name, ID and birth date into the figure. Off by default. */
        public Builder optIncludePatientIdentity(boolean include) {
            this.includePatientIdentity = include;
            return this;
        }

        public Figure build() {
            return new Figure(panels, colorbars, legend, scores, provenance, patient, includePatientIdentity);
        }
    }
}
