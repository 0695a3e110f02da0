package org.raylens.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.open.FileStudyLoader;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.app.ui.MainWindowModel;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.SharedData;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderReader;

/**
 * A derived object opened without the images it was made from (dcmqi's SEG of ../shared/data/dicom-derived, alone):
 * the browser lists it under its study in a group naming the series it references, neither as an image nor not at
 * all (before, the index put it in a series without images, which the browser never showed).
 */
class DerivedWithoutSourceInBrowserTest {

    private static Path derived() {
        Path shared = SharedData.root();
        Path dir = shared == null ? null : shared.resolve("data/dicom-derived/seg-24x38x3");
        assumeTrue(dir != null && Files.isDirectory(dir), "../shared/data/dicom-derived is absent");
        return dir;
    }

    private static MainWindowModel window() {
        FileStudyLoader loader = new FileStudyLoader(new FolderScanner(2, HeaderReader.DICOM),
                new DicomDirReader(2, HeaderReader.DICOM), new FileSourceKind(new ImageOpener(), HeaderReader.DICOM),
                List::of);
        return new MainWindowModel(loader, new SameThreadRunner());
    }

    @Test
    void aSegWhoseSourceIsNotOpenIsGroupedUnderTheSeriesItReferences() throws Exception {
        Path seg = derived().resolve("seg/label.seg");
        String referenced = DicomReader.readHeader(seg).dataset().getSequence(Tag.ReferencedSeriesSequence).get(0)
                .getString(Tag.SeriesInstanceUID);
        MainWindowModel window = window();
        StudyBrowserModel browser = new StudyBrowserModel(window.instances(), window.withoutSource());
        window.open(List.of(seg));

        List<BrowserNode> all = flatten(browser.getTree());
        assertTrue(all.stream().noneMatch(n -> n.kind() == BrowserNode.Kind.INSTANCE), "a SEG is not an image");
        BrowserNode group = all.stream().filter(n -> n.kind() == BrowserNode.Kind.SOURCE_NOT_OPEN).findFirst()
                .orElseThrow(() -> new AssertionError("no 'References series not open' group"));
        assertEquals(BrowserNode.sourceNotOpenLabel(referenced), group.label());
        assertEquals(1, group.children().size());
        assertEquals(BrowserNode.Kind.DERIVED, group.children().get(0).kind());
        assertTrue(group.children().get(0).label().startsWith("SEG"), group.children().get(0).label());
        BrowserNode study = all.stream().filter(n -> n.kind() == BrowserNode.Kind.STUDY).findFirst().orElseThrow();
        assertTrue(study.children().contains(group), "the group sits in the SEG's study");
    }

    @Test
    void aSegOpenedWithItsSourceStaysUnderItsSeriesAndNothingIsGroupedApart() throws Exception {
        MainWindowModel window = window();
        StudyBrowserModel browser = new StudyBrowserModel(window.instances(), window.withoutSource());
        window.open(List.of(derived().resolve("image"), derived().resolve("seg")));

        List<BrowserNode> all = flatten(browser.getTree());
        assertTrue(all.stream().noneMatch(n -> n.kind() == BrowserNode.Kind.SOURCE_NOT_OPEN),
                "the SEG's source is open (as another input)");
        BrowserNode series = all.stream().filter(n -> n.kind() == BrowserNode.Kind.SERIES).findFirst().orElseThrow();
        assertTrue(series.children().stream().anyMatch(c -> c.kind() == BrowserNode.Kind.DERIVED),
                "the SEG is listed under its source series");
        assertTrue(window.instances().stream().allMatch(i -> i.derived().size() == 1),
                "each source image offers the SEG (as a layer)");
    }

    private static List<BrowserNode> flatten(List<BrowserNode> nodes) {
        List<BrowserNode> out = new ArrayList<>();
        for (BrowserNode n : nodes) {
            out.add(n);
            out.addAll(flatten(n.children()));
        }
        return out;
    }
}
