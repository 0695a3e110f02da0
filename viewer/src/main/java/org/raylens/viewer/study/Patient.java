package org.raylens.viewer.study;

import java.util.List;

/**
 * One patient, keyed by Patient ID and Patient Name together (IDs are only unique within an issuer, and many
 * anonymised sets leave them empty). Studies ordered by date, then UID.
 */
public record Patient(String patientId, String patientName, List<Study> studies) {
    public Patient {
        studies = List.copyOf(studies);
    }
}
