package org.raylens.app.open;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.study.Instance;
import org.raylens.viewer.study.Patient;
import org.raylens.viewer.study.Series;
import org.raylens.viewer.study.Study;
import org.raylens.viewer.study.StudyIndex;

/**
 * Turns the viewer's {@link StudyIndex} into browser instances: grouped by what identifies each level (Patient ID
 * and Name, Study Instance UID, Series Instance UID) and labelled for people: "name (ID)" for the patient, "date
 * description" for the study, "#number modality description" for the series. The derived objects (SEG, SR, …) the
 * index attached to a series travel with each of its instances; they are not instances themselves.
 */
public final class DicomLabels {

    private DicomLabels() {
    }

    /** Every instance of {@code index}, in the index's order, with the source {@code sources} gives it. */
    public static List<StudyInstance> fromIndex(StudyIndex index, Function<Instance, ImageSource> sources) {
        List<StudyInstance> out = new ArrayList<>();
        for (Patient p : index.patients()) {
            Grouping patient = patientGrouping(p);
            for (Study st : p.studies()) {
                Grouping study = studyGrouping(st);
                for (Series se : st.series()) {
                    Grouping series = new Grouping(DerivedWithoutSource.SERIES_KEY + se.seriesInstanceUid(),
                            seriesLabel(se.seriesNumber(), se.modality(), se.description()));
                    for (Instance i : se.instances()) {
                        ImageSource source = sources.apply(i);
                        out.add(new StudyInstance(source, patient, study, series, instanceLabel(i, source), se.derived()));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The derived objects of {@code index} that are not listed under a series of images: the index puts an object whose
     * referenced series is not indexed in a series of its own, without instances, which {@link #fromIndex} cannot
     * show.
     */
    public static List<DerivedWithoutSource> withoutSource(StudyIndex index) {
        List<DerivedWithoutSource> out = new ArrayList<>();
        for (Patient p : index.patients()) {
            Grouping patient = patientGrouping(p);
            for (Study st : p.studies()) {
                Grouping study = studyGrouping(st);
                for (Series se : st.series()) {
                    if (se.instances().isEmpty()) {
                        se.derived().forEach(d -> out.add(new DerivedWithoutSource(patient, study, d)));
                    }
                }
            }
        }
        return out;
    }

    // Patient ID and Name together, as the index keys patients (IDs are unique only within an issuer).
    private static Grouping patientGrouping(Patient p) {
        return new Grouping("patient\u0000" + p.patientId() + "\u0000" + p.patientName(),
                patientLabel(p.patientName(), p.patientId()));
    }

    private static Grouping studyGrouping(Study st) {
        return new Grouping("study\u0000" + st.studyInstanceUid(),
                studyLabel(st.date(), st.description(), st.studyInstanceUid()));
    }

    static String patientLabel(String name, String id) {
        String n = blankToEmpty(name).replace('^', ' ').trim();
        String i = blankToEmpty(id);
        if (n.isEmpty() && i.isEmpty()) {
            return "(no patient name)";
        }
        return i.isEmpty() ? n : n.isEmpty() ? i : n + " (" + i + ")";
    }

    static String studyLabel(String date, String description, String fallback) {
        String d = formatDate(date);
        String text = (d + " " + blankToEmpty(description)).trim();
        return text.isEmpty() ? blankToEmpty(fallback) : text;
    }

    static String seriesLabel(Integer number, String modality, String description) {
        String text = ((number == null ? "" : "#" + number) + " " + blankToEmpty(modality) + " "
                + blankToEmpty(description)).trim().replaceAll("\\s+", " ");
        return text.isEmpty() ? "Series" : text;
    }

    private static String instanceLabel(Instance i, ImageSource source) {
        String name = source.displayName();
        return i.instanceNumber() == null ? name : i.instanceNumber() + " \u2014 " + name;
    }

    private static String formatDate(String da) {
        String d = blankToEmpty(da);
        return d.length() == 8 && d.chars().allMatch(Character::isDigit)
                ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
