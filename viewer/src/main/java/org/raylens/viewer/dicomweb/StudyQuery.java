package org.raylens.viewer.dicomweb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A QIDO-RS study search. Empty fields are not searched on; the patient name may hold the wildcards {@code *} and
 * {@code ?}; the study date is {@code YYYYMMDD}, {@code YYYYMMDD-YYYYMMDD}, {@code -YYYYMMDD} or {@code YYYYMMDD-}.
 */
public record StudyQuery(Optional<String> patientName, Optional<String> patientId, Optional<String> studyDate,
        Optional<String> modality, Optional<String> accessionNumber) {

    private static final Pattern DATE_RANGE = Pattern.compile("\\d{8}|\\d{8}-|-\\d{8}|\\d{8}-\\d{8}");

    public StudyQuery {
        studyDate.ifPresent(d -> {
            if (!DATE_RANGE.matcher(d).matches()) {
                throw new IllegalArgumentException("a study date is YYYYMMDD or a range FROM-TO (either side may "
                        + "be left out), not '" + d + "'");
            }
        });
    }

    /** Every study. */
    public static StudyQuery all() {
        return new StudyQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public StudyQuery withPatientName(String v) {
        return new StudyQuery(Optional.of(v), patientId, studyDate, modality, accessionNumber);
    }

    public StudyQuery withPatientId(String v) {
        return new StudyQuery(patientName, Optional.of(v), studyDate, modality, accessionNumber);
    }

    public StudyQuery withStudyDate(String v) {
        return new StudyQuery(patientName, patientId, Optional.of(v), modality, accessionNumber);
    }

    public StudyQuery withModality(String v) {
        return new StudyQuery(patientName, patientId, studyDate, Optional.of(v), accessionNumber);
    }

    public StudyQuery withAccessionNumber(String v) {
        return new StudyQuery(patientName, patientId, studyDate, modality, Optional.of(v));
    }

    /** The query string (without '?'), asking for the attributes a study row shows. */
    String toQueryString() {
        List<String> parts = new ArrayList<>();
        patientName.ifPresent(v -> parts.add(param("PatientName", v)));
        patientId.ifPresent(v -> parts.add(param("PatientID", v)));
        studyDate.ifPresent(v -> parts.add(param("StudyDate", v)));
        modality.ifPresent(v -> parts.add(param("ModalitiesInStudy", v)));
        accessionNumber.ifPresent(v -> parts.add(param("AccessionNumber", v)));
        for (String field : List.of("PatientName", "PatientID", "StudyDate", "StudyTime", "AccessionNumber",
                "ModalitiesInStudy", "StudyDescription", "NumberOfStudyRelatedSeries",
                "NumberOfStudyRelatedInstances")) {
            parts.add(param("includefield", field));
        }
        return String.join("&", parts);
    }

    private static String param(String key, String value) {
        return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
