package org.raylens.app.open;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.raylens.viewer.study.DerivedObject;

/**
 * A derived object (SEG, Parametric Map, SR …) whose source images are not among those opened: the browser lists it
 * under its patient and study, grouped by the series it references, rather than as an image of its own or not at all.
 */
public record DerivedWithoutSource(Grouping patient, Grouping study, DerivedObject object) {

    /** How {@link DicomLabels} keys a series group. */
    static final String SERIES_KEY = "series\u0000";

    public DerivedWithoutSource {
        Objects.requireNonNull(object, "object");
        patient = Objects.requireNonNullElse(patient, Grouping.NONE);
        study = Objects.requireNonNullElse(study, Grouping.NONE);
    }

    /**
     * Moves the objects whose referenced series is among {@code instances} (opened as another input: a SEG folder
     * opened beside its images' folder) to those instances' derived lists, where the window offers them as layers.
     *
     * @return the instances, with derived objects added, and the objects still without a source
     */
    public static LoadedStudy attachAcrossInputs(List<StudyInstance> instances, boolean synthetic,
            List<String> problems, List<DerivedWithoutSource> withoutSource) {
        Map<String, List<DerivedObject>> bySeries = new LinkedHashMap<>();
        Set<String> openSeries = new HashSet<>();
        instances.forEach(i -> openSeries.add(i.series().key()));
        List<DerivedWithoutSource> left = new ArrayList<>();
        for (DerivedWithoutSource d : withoutSource) {
            String key = d.object().referencedSeriesUids().stream().map(uid -> SERIES_KEY + uid)
                    .filter(openSeries::contains).findFirst().orElse(null);
            if (key == null) {
                left.add(d);
            } else {
                bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(d.object());
            }
        }
        List<StudyInstance> out = new ArrayList<>();
        for (StudyInstance i : instances) {
            List<DerivedObject> more = bySeries.get(i.series().key());
            if (more == null) {
                out.add(i);
            } else {
                List<DerivedObject> all = new ArrayList<>(i.derived());
                more.stream().filter(d -> !all.contains(d)).forEach(all::add);
                out.add(new StudyInstance(i.source(), i.patient(), i.study(), i.series(), i.instanceLabel(), all));
            }
        }
        return new LoadedStudy(out, synthetic, problems, left);
    }

    /** The UID of the series the object was made from (its first reference), or what it references instead. */
    public String referencedSeries() {
        if (!object.referencedSeriesUids().isEmpty()) {
            return object.referencedSeriesUids().get(0);
        }
        return object.referencedInstanceUids().isEmpty() ? "(no reference)"
                : "instance " + object.referencedInstanceUids().get(0);
    }
}
