package org.raylens.viewer.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Accumulates {@link IndexedFile}s and builds the sorted, immutable tree. Single-threaded: scanners feed it from
 * the thread that collects results. Files are placed in path order whatever order they arrive in, so when two
 * files share a SOP Instance UID (copies and re-encodings of one image are common on CDs and in exports) the first
 * by path is indexed and the other is skipped, the same way on every run.
 */
final class StudyTreeBuilder {
    private record PatientKey(String id, String name) {}

    private static final class StudyNode {
        final IndexedFile first;
        final Map<String, SeriesNode> series = new LinkedHashMap<>();

        StudyNode(IndexedFile first) {
            this.first = first;
        }
    }

    private static final class SeriesNode {
        final IndexedFile first;
        final List<Instance> instances = new ArrayList<>();
        final List<DerivedObject> derived = new ArrayList<>();

        SeriesNode(IndexedFile first) {
            this.first = first;
        }
    }

    private final Map<PatientKey, Map<String, StudyNode>> patients = new LinkedHashMap<>();
    private final Map<String, Path> seenSop = new LinkedHashMap<>();
    private final List<SkippedFile> skipped = new ArrayList<>();
    private final List<IndexedFile> pending = new ArrayList<>();
    private final List<IndexedFile> derivedFiles = new ArrayList<>();

    void add(IndexedFile f) {
        pending.add(f);
    }

    private void place(IndexedFile f) {
        Path earlier = seenSop.putIfAbsent(f.instance().sopInstanceUid(), f.instance().path());
        if (earlier != null) {
            skip(new SkippedFile(f.instance().path(), "duplicate SOP Instance UID " + f.instance().sopInstanceUid()
                    + ", already indexed from " + earlier, SkippedFile.Kind.NOTE));
            return;
        }
        if (f.derived() != null) {
            derivedFiles.add(f);
            return;
        }
        seriesNode(f).instances.add(f.instance());
    }

    private SeriesNode seriesNode(IndexedFile f) {
        StudyNode study = patients.computeIfAbsent(new PatientKey(f.patientId(), f.patientName()),
                k -> new LinkedHashMap<>()).computeIfAbsent(f.studyUid(), k -> new StudyNode(f));
        return study.series.computeIfAbsent(f.seriesUid(), k -> new SeriesNode(f));
    }

    /** Attaches every derived object to its source series (see the class comment); reports after what they cite. */
    private void attachDerived() {
        Map<String, SeriesNode> imageSeries = new LinkedHashMap<>();
        Map<String, SeriesNode> seriesOfSop = new LinkedHashMap<>();
        for (Map<String, StudyNode> studies : patients.values()) {
            for (StudyNode st : studies.values()) {
                for (Map.Entry<String, SeriesNode> se : st.series.entrySet()) {
                    imageSeries.put(se.getKey(), se.getValue());
                    se.getValue().instances.forEach(i -> seriesOfSop.put(i.sopInstanceUid(), se.getValue()));
                }
            }
        }
        derivedFiles.sort(Comparator.comparing(f -> f.derived().kind() == DerivedObject.Kind.STRUCTURED_REPORT));
        for (IndexedFile f : derivedFiles) {
            DerivedObject d = f.derived();
            SeriesNode target = d.referencedSeriesUids().stream().map(imageSeries::get)
                    .filter(java.util.Objects::nonNull).findFirst()
                    .or(() -> d.referencedInstanceUids().stream().map(seriesOfSop::get)
                            .filter(java.util.Objects::nonNull).findFirst())
                    .orElseGet(() -> seriesNode(f));
            target.derived.add(d);
            if (d.kind() == DerivedObject.Kind.SEGMENTATION || d.kind() == DerivedObject.Kind.PARAMETRIC_MAP) {
                seriesOfSop.putIfAbsent(d.sopInstanceUid(), target); // a report on it goes with it, not with an RWVM
            }
        }
        derivedFiles.clear();
    }

    void skip(Path path, String reason) {
        skip(new SkippedFile(path, reason));
    }

    void skip(SkippedFile file) {
        skipped.add(file);
    }

    StudyIndex build() {
        pending.sort(Comparator.comparing(f -> f.instance().path().toString()));
        pending.forEach(this::place);
        pending.clear();
        attachDerived();
        List<Patient> out = new ArrayList<>();
        for (Map.Entry<PatientKey, Map<String, StudyNode>> p : patients.entrySet()) {
            List<Study> studies = new ArrayList<>();
            for (StudyNode st : p.getValue().values()) {
                List<Series> series = new ArrayList<>();
                for (SeriesNode se : st.series.values()) {
                    List<Instance> instances = new ArrayList<>(se.instances);
                    instances.sort(Comparator.comparing(Instance::instanceNumber,
                            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Instance::sopInstanceUid));
                    series.add(new Series(se.first.seriesUid(), se.first.seriesNumber(), se.first.seriesModality(),
                            se.first.seriesDescription(), instances, se.derived));
                }
                series.sort(Comparator.comparing(Series::seriesNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Series::seriesInstanceUid));
                IndexedFile f = st.first;
                studies.add(new Study(f.studyUid(), f.studyDate(), f.studyDescription(), f.accessionNumber(), series));
            }
            studies.sort(Comparator.comparing(Study::date, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Study::studyInstanceUid));
            out.add(new Patient(p.getKey().id(), p.getKey().name(), studies));
        }
        out.sort(Comparator.comparing(Patient::patientName).thenComparing(Patient::patientId));
        List<SkippedFile> sortedSkips = new ArrayList<>(skipped);
        sortedSkips.sort(Comparator.comparing(s -> Objects.toString(s.path())));
        return new StudyIndex(out, sortedSkips);
    }
}
