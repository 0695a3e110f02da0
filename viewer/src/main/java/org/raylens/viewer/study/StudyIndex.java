package org.raylens.viewer.study;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The Patient → Study → Series → Instance tree of a folder or DICOMDIR, with the files that were skipped and why.
 * Immutable; built by {@link FolderScanner} or {@link DicomDirReader}.
 */
public record StudyIndex(List<Patient> patients, List<SkippedFile> skipped) {
    public StudyIndex {
        patients = List.copyOf(patients);
        skipped = List.copyOf(skipped);
    }

    public int studyCount() {
        return patients.stream().mapToInt(p -> p.studies().size()).sum();
    }

    public int seriesCount() {
        return patients.stream().flatMap(p -> p.studies().stream()).mapToInt(s -> s.series().size()).sum();
    }

    public int instanceCount() {
        return patients.stream().flatMap(p -> p.studies().stream()).mapToInt(Study::instanceCount).sum();
    }

    /** The instance with this SOP Instance UID, if indexed. */
    public Optional<Instance> findInstance(String sopInstanceUid) {
        return patients.stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .flatMap(s -> s.instances().stream()).filter(i -> i.sopInstanceUid().equals(sopInstanceUid))
                .findFirst();
    }

    /** An indented tree for the command line, followed by one line per skipped file. */
    public String toText() {
        StringBuilder sb = new StringBuilder(treeText());
        for (SkippedFile s : skipped) {
            sb.append("Skipped ").append(s.path()).append(": ").append(s.reason()).append('\n');
        }
        return sb.toString();
    }

    /** The counts line and the indented tree, without the skipped files (a caller may summarise those). */
    public String treeText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d patients, %d studies, %d series, %d instances, %d skipped%n", patients.size(),
                studyCount(), seriesCount(), instanceCount(), skipped.size()));
        for (Patient p : patients) {
            sb.append("Patient ").append(p.patientName()).append(" [").append(p.patientId()).append("]\n");
            for (Study st : p.studies()) {
                sb.append("  Study ").append(st.studyInstanceUid()).append(opt(" ", st.date()))
                        .append(opt(" ", st.description())).append('\n');
                for (Series se : st.series()) {
                    sb.append("    Series ").append(se.seriesInstanceUid()).append(opt(" #", se.seriesNumber()))
                            .append(opt(" ", se.modality())).append(opt(" ", se.description()))
                            .append(" (").append(se.instances().size()).append(" instances)\n");
                    for (Instance i : se.instances()) {
                        sb.append("      ").append(opt("#", i.instanceNumber())).append(' ')
                                .append(i.columns()).append('x').append(i.rows())
                                .append(i.frames() > 1 ? "x" + i.frames() : "").append(' ')
                                .append(i.path()).append('\n');
                    }
                    for (DerivedObject d : se.derived()) {
                        sb.append("      derived ").append(d.label()).append(' ').append(d.path()).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String opt(String prefix, Object value) {
        return value == null ? "" : prefix + value;
    }

    /** The tree as JSON (patients → studies → series → instances, and the skipped files). */
    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray ps = new JsonArray();
        for (Patient p : patients) {
            JsonObject pj = new JsonObject();
            pj.addProperty("patientId", p.patientId());
            pj.addProperty("patientName", p.patientName());
            JsonArray sts = new JsonArray();
            for (Study st : p.studies()) {
                JsonObject sj = new JsonObject();
                sj.addProperty("studyInstanceUid", st.studyInstanceUid());
                sj.addProperty("studyDate", st.date());
                sj.addProperty("studyDescription", st.description());
                sj.addProperty("accessionNumber", st.accessionNumber());
                JsonArray ses = new JsonArray();
                for (Series se : st.series()) {
                    JsonObject ej = new JsonObject();
                    ej.addProperty("seriesInstanceUid", se.seriesInstanceUid());
                    ej.addProperty("seriesNumber", se.seriesNumber());
                    ej.addProperty("modality", se.modality());
                    ej.addProperty("seriesDescription", se.description());
                    JsonArray is = new JsonArray();
                    for (Instance i : se.instances()) {
                        JsonObject ij = new JsonObject();
                        ij.addProperty("path", i.path().toString());
                        ij.addProperty("sopInstanceUid", i.sopInstanceUid());
                        ij.addProperty("sopClassUid", i.sopClassUid());
                        ij.addProperty("instanceNumber", i.instanceNumber());
                        ij.addProperty("rows", i.rows());
                        ij.addProperty("columns", i.columns());
                        ij.addProperty("frames", i.frames());
                        ij.addProperty("modality", i.modality());
                        ij.addProperty("transferSyntaxUid", i.transferSyntaxUid());
                        ij.addProperty("photometricInterpretation", i.photometricInterpretation());
                        is.add(ij);
                    }
                    ej.add("instances", is);
                    JsonArray ds = new JsonArray();
                    for (DerivedObject d : se.derived()) {
                        JsonObject dj = new JsonObject();
                        dj.addProperty("path", d.path().toString());
                        dj.addProperty("sopInstanceUid", d.sopInstanceUid());
                        dj.addProperty("sopClassUid", d.sopClassUid());
                        dj.addProperty("kind", d.kind().abbreviation());
                        dj.addProperty("seriesInstanceUid", d.seriesInstanceUid());
                        dj.addProperty("seriesDescription", d.seriesDescription());
                        ds.add(dj);
                    }
                    ej.add("derived", ds);
                    ses.add(ej);
                }
                sj.add("series", ses);
                sts.add(sj);
            }
            pj.add("studies", sts);
            ps.add(pj);
        }
        root.add("patients", ps);
        JsonArray sk = new JsonArray();
        for (SkippedFile s : skipped) {
            JsonObject o = new JsonObject();
            o.addProperty("path", s.path().toString());
            o.addProperty("reason", s.reason());
            o.addProperty("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            sk.add(o);
        }
        root.add("skipped", sk);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }
}
