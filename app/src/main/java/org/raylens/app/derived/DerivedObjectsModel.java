package org.raylens.app.derived;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.viewer.derived.NotAMeasurementReportException;
import org.raylens.viewer.derived.ParametricMap;
import org.raylens.viewer.derived.ParametricMapReader;
import org.raylens.viewer.derived.MeasurementGroup;
import org.raylens.viewer.derived.MeasurementReport;
import org.raylens.viewer.derived.MeasurementReportReader;
import org.raylens.viewer.derived.Segment;
import org.raylens.viewer.derived.Segmentation;
import org.raylens.viewer.derived.SegmentationReader;
import org.raylens.viewer.derived.SourceImageKey;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.study.DerivedObject;

/**
 * What other tools made for the image on screen: a {@link DerivedLayerRow} per segment of each DICOM SEG of its study
 * whose frames lie over this image, and one per Parametric Map with a frame there (matched by Referenced SOP Instance UID and frame, else by Frame of Reference and
 * position), and the measurements of each TID 1500 report that measures a segmentation of the image's series or one
 * shown over it (a group that names no segment is shown too). Follows the selected
 * instance; reading runs through the {@link BackgroundRunner} and a result for an image the user has left is dropped.
 * A derived object that cannot be read is named in {@link #problemProperty()}, and the others still show.
 *
 * <p>Used from the FX thread only. The last few segmentations read are kept, so stepping through slices does not
 * read the SEG again.
 */
public final class DerivedObjectsModel {

    private static final int CACHED_SEGMENTATIONS = 4;

    private final BackgroundRunner runner;
    private final ObservableList<StudyInstance> opened;
    private final SegmentationReader segmentations = new SegmentationReader();
    private final MeasurementReportReader reports = new MeasurementReportReader();
    private final ParametricMapReader maps = new ParametricMapReader();
    private final Map<Path, Segmentation> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Segmentation> eldest) {
            return size() > CACHED_SEGMENTATIONS;
        }
    };
    private final ObservableList<DerivedLayerRow> segments = FXCollections.observableArrayList();
    private final ObservableList<MeasurementRow> measurements = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private long request;

    public DerivedObjectsModel(ObservableValue<StudyInstance> selected, BackgroundRunner runner) {
        this(selected, FXCollections.observableArrayList(), runner);
    }

    /**
     * @param opened every instance of the study on screen: a segmentation attached to another series of the same
     *               study is offered too when its frames lie on the image (a SEG made from single-frame slices over
     *               their multi-frame conversion, matched by Frame of Reference and position)
     */
    public DerivedObjectsModel(ObservableValue<StudyInstance> selected, ObservableList<StudyInstance> opened,
            BackgroundRunner runner) {
        this.opened = opened;
        this.runner = runner;
        selected.addListener((o, was, now) -> show(now));
        show(selected.getValue());
    }

    /** The layers over the image on screen: one row per segment, then one per Parametric Map. */
    public ObservableList<DerivedLayerRow> rows() {
        return segments;
    }

    /** The measurements of the reports on those segmentations, in document order. */
    public ObservableList<MeasurementRow> measurements() {
        return measurements;
    }

    /** Why a derived object of this image could not be shown (one line), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    private record Found(List<DerivedLayerRow> segments, List<MeasurementRow> measurements, List<String> problems) {}

    private void show(StudyInstance instance) {
        long id = ++request;
        segments.clear();
        measurements.clear();
        problem.set("");
        if (instance == null) {
            return;
        }
        List<DerivedObject> candidates = candidates(instance);
        if (candidates.isEmpty()) {
            return;
        }
        runner.run(() -> find(instance, candidates), found -> {
            if (id == request) {
                segments.setAll(found.segments());
                measurements.setAll(found.measurements());
                problem.set(found.problems().isEmpty() ? "" : String.join("; ", found.problems()));
            }
        }, error -> {
            if (id == request) {
                problem.set("Could not read the derived objects: " + error.getMessage());
            }
        });
    }

    /** The derived objects of the instance's series, then those of the other series of its study. */
    private List<DerivedObject> candidates(StudyInstance instance) {
        java.util.LinkedHashSet<DerivedObject> all = new java.util.LinkedHashSet<>(instance.derived());
        if (!instance.study().key().isEmpty()) {
            for (StudyInstance other : opened) {
                if (other.study().equals(instance.study())) {
                    all.addAll(other.derived());
                }
            }
        }
        return List.copyOf(all);
    }

    /** Reads what applies to {@code instance}; runs in the background. */
    private Found find(StudyInstance instance, List<DerivedObject> candidates) throws Exception {
        Optional<DicomFile> header = instance.source().header();
        if (header.isEmpty()) {
            return new Found(List.of(), List.of(), List.of());
        }
        SourceImageKey image = SourceImageKey.of(header.get().dataset(), frameOf(instance.source().uri()));
        List<DerivedLayerRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> segmentationUids = new ArrayList<>();
        for (DerivedObject d : candidates) {
            if (d.kind() != DerivedObject.Kind.SEGMENTATION) {
                continue;
            }
            if (instance.derived().contains(d)) {
                segmentationUids.add(d.sopInstanceUid()); // its series' reports apply to every image of the series
            }
            try {
                Segmentation seg = segmentation(d.path());
                for (Segment s : seg.segments()) {
                    seg.segmentOver(s.number(), image).ifPresent(values -> {
                        rows.add(new DerivedLayerRow(seg, s, values));
                        if (!segmentationUids.contains(d.sopInstanceUid())) {
                            segmentationUids.add(d.sopInstanceUid());
                        }
                    });
                }
            } catch (DicomException e) {
                problems.add(e.getMessage());
            }
        }
        for (DerivedObject d : candidates) {
            if (d.kind() != DerivedObject.Kind.PARAMETRIC_MAP) {
                continue;
            }
            try {
                ParametricMap map = maps.read(d.path());
                map.valuesOver(image).ifPresent(values -> rows.add(new DerivedLayerRow(map, values)));
            } catch (DicomException e) {
                problems.add(e.getMessage());
            }
        }
        List<MeasurementRow> table = new ArrayList<>();
        for (DerivedObject d : candidates) {
            if (d.kind() != DerivedObject.Kind.STRUCTURED_REPORT) {
                continue;
            }
            try {
                MeasurementReport report = reports.read(d.path());
                for (MeasurementGroup g : report.groups()) {
                    if (g.segmentationSopInstanceUid() == null || segmentationUids.contains(
                            g.segmentationSopInstanceUid())) {
                        g.measurements().forEach(m -> table.add(MeasurementRow.of(g, m)));
                    }
                }
            } catch (NotAMeasurementReportException e) {
                // another kind of report (not TID 1500): listed in the browser, nothing to tabulate
            } catch (DicomException e) {
                problems.add(e.getMessage());
            }
        }
        return new Found(rows, table, problems);
    }

    private Segmentation segmentation(Path path) throws DicomException {
        synchronized (cache) {
            Segmentation cached = cache.get(path);
            if (cached != null) {
                return cached;
            }
        }
        Segmentation read = segmentations.read(path);
        synchronized (cache) {
            cache.put(path, read);
        }
        return read;
    }

    /** The frame a source shows (1-based): {@code #frame=N} of its URI, else its first. */
    static int frameOf(URI uri) {
        String fragment = uri.getFragment();
        if (fragment != null && fragment.startsWith("frame=")) {
            try {
                return Math.max(1, Integer.parseInt(fragment.substring("frame=".length())));
            } catch (NumberFormatException e) {
                return 1; // not a frame address this program wrote: show the first frame's segments
            }
        }
        return 1;
    }
}
