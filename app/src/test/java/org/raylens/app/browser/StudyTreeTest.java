package org.raylens.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.open.StudyInstance;

class StudyTreeTest {

    private static final List<StudyInstance> INSTANCES = List.of(
            new StudyInstance(Path.of("/a/1.dcm"), "DOE JOHN (123)", "2024-01-02 CHEST", "#1 DX PA", "1"),
            new StudyInstance(Path.of("/a/2.dcm"), "DOE JOHN (123)", "2024-01-02 CHEST", "#2 DX LAT", "2"),
            new StudyInstance(Path.of("/b/3.dcm"), "ROE JANE (9)", "2023-05-06 CHEST", "#1 CR", "3"),
            new StudyInstance(Path.of("/c/x.png"), "pngs", "", "x.png"));

    @Test
    void groupsPatientsStudiesAndSeriesSkippingEmptyLevels() {
        List<BrowserNode> tree = StudyTree.build(INSTANCES);
        assertEquals(3, tree.size());
        BrowserNode doe = tree.get(0);
        assertEquals(BrowserNode.Kind.PATIENT, doe.kind());
        assertEquals(1, doe.children().size());
        assertEquals(2, doe.children().get(0).children().size(), "two series in the study");
        assertEquals("DOE JOHN (123)  (2 images)", doe.displayText());
        BrowserNode png = tree.get(2);
        assertEquals(BrowserNode.Kind.STUDY, png.kind(), "a plain file has no patient level");
        assertEquals(BrowserNode.Kind.INSTANCE, png.children().get(0).kind());
    }

    @Test
    void filteringKeepsMatchesWithTheirAncestorsAndAllChildrenOfAMatchingGroup() {
        List<BrowserNode> tree = StudyTree.build(INSTANCES);
        List<BrowserNode> lat = StudyTree.filter(tree, "lat");
        assertEquals(1, lat.size());
        assertEquals(List.of(INSTANCES.get(1)), lat.get(0).instances());
        List<BrowserNode> roe = StudyTree.filter(tree, "ROE");
        assertEquals(List.of(INSTANCES.get(2)), roe.get(0).instances());
        assertTrue(StudyTree.filter(tree, "nothing like this").isEmpty());
        assertEquals(tree, StudyTree.filter(tree, "  "));
    }
}
