package org.raylens.app.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.raylens.app.open.DerivedWithoutSource;
import org.raylens.app.open.Grouping;
import org.raylens.app.open.StudyInstance;

/**
 * Groups a study's instances into Patient → Study → Series → Instance, in the order the loader listed them, and
 * filters the tree by a search text. Rows are grouped by each level's key (Patient ID and Name, Study and Series
 * Instance UID), never by the text shown, so two studies with the same date and description stay two rows. Levels
 * without a label (plain image files have no patient) are skipped rather than shown as empty rows. A series lists
 * the derived objects made from it (segmentations, reports) after its images, as rows that are not images; derived
 * objects whose source series is not open are grouped by that series under their study. Pure functions:
 * the browser view binds their output.
 */
public final class StudyTree {

    private StudyTree() {
    }

    /** The top-level rows for {@code instances}. */
    public static List<BrowserNode> build(List<StudyInstance> instances) {
        return build(instances, List.of());
    }

    /**
     * The top-level rows for {@code instances}, with the derived objects whose source is not open listed in their
     * study after its series, one group per referenced series ("References series not open: UID"); a study or patient
     * that has only such objects gets its row too.
     */
    public static List<BrowserNode> build(List<StudyInstance> instances, List<DerivedWithoutSource> withoutSource) {
        Map<Grouping, Map<Grouping, Map<Grouping, List<StudyInstance>>>> groups = new LinkedHashMap<>();
        for (StudyInstance i : instances) {
            groups.computeIfAbsent(i.patient(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(i.study(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(i.series(), k -> new ArrayList<>()).add(i);
        }
        Map<Grouping, Map<Grouping, Map<String, List<BrowserNode>>>> orphans = new LinkedHashMap<>();
        for (DerivedWithoutSource d : withoutSource) {
            groups.computeIfAbsent(d.patient(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(d.study(), k -> new LinkedHashMap<>());
            orphans.computeIfAbsent(d.patient(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(d.study(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(d.referencedSeries(), k -> new ArrayList<>())
                    .add(BrowserNode.derived(d.object()));
        }
        List<BrowserNode> patients = new ArrayList<>();
        for (var p : groups.entrySet()) {
            List<BrowserNode> studies = new ArrayList<>();
            for (var st : p.getValue().entrySet()) {
                List<BrowserNode> series = new ArrayList<>();
                for (var se : st.getValue().entrySet()) {
                    List<BrowserNode> leaves = new ArrayList<>(se.getValue().stream().map(BrowserNode::leaf).toList());
                    se.getValue().stream().flatMap(i -> i.derived().stream()).distinct()
                            .forEach(d -> leaves.add(BrowserNode.derived(d)));
                    series.addAll(level(BrowserNode.Kind.SERIES, se.getKey(), leaves));
                }
                orphans.getOrDefault(p.getKey(), Map.of()).getOrDefault(st.getKey(), Map.of())
                        .forEach((uid, objects) -> series.add(new BrowserNode(BrowserNode.Kind.SOURCE_NOT_OPEN,
                                BrowserNode.sourceNotOpenLabel(uid), null, objects)));
                studies.addAll(level(BrowserNode.Kind.STUDY, st.getKey(), series));
            }
            patients.addAll(level(BrowserNode.Kind.PATIENT, p.getKey(), studies));
        }
        return patients;
    }

    /**
     * The rows whose label (or an ancestor's) contains {@code query}, case-insensitively; a matching group keeps all
     * its children, a non-matching group keeps only its matching descendants. A blank query keeps everything.
     */
    public static List<BrowserNode> filter(List<BrowserNode> nodes, String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return nodes;
        }
        List<BrowserNode> out = new ArrayList<>();
        for (BrowserNode n : nodes) {
            if (n.matches(q)) {
                out.add(n);
            } else {
                List<BrowserNode> kept = filter(n.children(), q);
                if (!kept.isEmpty()) {
                    out.add(new BrowserNode(n.kind(), n.label(), n.instance(), kept));
                }
            }
        }
        return out;
    }

    private static List<BrowserNode> level(BrowserNode.Kind kind, Grouping group, List<BrowserNode> children) {
        if (group.label().isEmpty()) {
            return children;
        }
        return List.of(new BrowserNode(kind, group.label(), null, children));
    }
}
