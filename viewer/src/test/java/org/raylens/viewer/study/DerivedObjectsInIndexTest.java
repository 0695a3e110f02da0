package org.raylens.viewer.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.derived.DerivedData;

/**
 * The index lists SEG, SR and RWVM objects under the series they were made from, not as images of their own
 * (../shared/data/dicom-derived, read in place).
 */
class DerivedObjectsInIndexTest {

    private static List<Series> allSeries(StudyIndex index) {
        return index.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .toList();
    }

    @Test
    void theSegIsListedUnderItsSourceSeries() throws Exception {
        StudyIndex index = new FolderScanner().scan(DerivedData.seg24(), Progress.NONE, CancellationToken.NONE);
        // three slices and the multi-frame conversion are images; the SEG is not an instance of any series
        assertEquals(4, index.instanceCount());
        assertTrue(index.findInstance("1.2.276.0.7230010.3.1.4.0.36063.1519964165.238879").isEmpty());
        Series slices = allSeries(index).stream()
                .filter(s -> s.seriesInstanceUid().equals("1.2.826.0.1.3680043.2.1125.1.9881642883347102869241902700569139"))
                .findFirst().orElseThrow();
        assertEquals(3, slices.instances().size());
        assertEquals(1, slices.derived().size());
        DerivedObject seg = slices.derived().get(0);
        assertEquals(DerivedObject.Kind.SEGMENTATION, seg.kind());
        assertEquals("SEG Segmentation 24x38x3", seg.label());
        assertTrue(seg.references(DerivedData.IMG2));
        // no series of the SEG's own is listed
        assertEquals(2, allSeries(index).size());
        assertTrue(index.toText().contains("derived SEG Segmentation 24x38x3"));
    }

    @Test
    void aReportFollowsTheSegmentationItMeasuresWhenTheImagesAreAbsent() throws Exception {
        StudyIndex index = new FolderScanner().scan(DerivedData.srExample(), Progress.NONE, CancellationToken.NONE);
        assertEquals(0, index.instanceCount());
        List<Series> series = allSeries(index);
        // the PET images are not in the folder: the SEG keeps its own series, and the SR and the RWVM (which cite the
        // PET series, then the SEG) go where the SEG went or to their own
        Series segSeries = series.stream().filter(s -> s.derived().stream()
                .anyMatch(d -> d.kind() == DerivedObject.Kind.SEGMENTATION)).findFirst().orElseThrow();
        assertTrue(segSeries.instances().isEmpty());
        assertTrue(segSeries.derived().stream().anyMatch(d -> d.kind() == DerivedObject.Kind.STRUCTURED_REPORT),
                segSeries.derived().toString());
        assertTrue(series.stream().flatMap(s -> s.derived().stream())
                .anyMatch(d -> d.kind() == DerivedObject.Kind.REAL_WORLD_VALUE_MAPPING));
        assertTrue(index.skipped().isEmpty(), index.skipped().toString());
    }
}
