package org.raylens.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.open.Grouping;
import org.raylens.app.open.StudyInstance;

class StudyTreeTest {

    private static final Grouping DOE = new Grouping("patient 123", "DOE JOHN (123)");

    private static final List<StudyInstance> INSTANCES = List.of(
            instance("/a/1.dcm", DOE, new Grouping("2.25.1", "2024-01-02 CHEST"), Grouping.of("#1 DX PA"), "1"),
            instance("/a/2.dcm", DOE, new Grouping("2.25.1", "2024-01-02 CHEST"), Grouping.of("#2 DX LAT"), "2"),
            instance("/b/3.dcm", Grouping.of("ROE JANE (9)"), Grouping.of("2023-05-06 CHEST"), Grouping.of("#1 CR"),
                    "3"),
            instance("/c/x.png", Grouping.NONE, Grouping.of("pngs"), Grouping.NONE, "x.png"));

    private static StudyInstance instance(String path, Grouping patient, Grouping study, Grouping series,
            String label) {
        return new StudyInstance(FakeStudyLoader.source(path), patient, study, series, label);
    }

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
    void groupsByKeyNotByLabelSoEqualLabelsOfDifferentStudiesStayApart() {
        Grouping series = Grouping.of("#1 DX");
        List<BrowserNode> tree = StudyTree.build(List.of(
                instance("/a/1.dcm", DOE, new Grouping("2.25.1", "2024-01-02 CHEST"), series, "1"),
                instance("/a/2.dcm", DOE, new Grouping("2.25.2", "2024-01-02 CHEST"), series, "2")));
        assertEquals(1, tree.size(), "one patient");
        List<BrowserNode> studies = tree.get(0).children();
        assertEquals(2, studies.size(), "two studies with one label");
        assertEquals(List.of("2024-01-02 CHEST", "2024-01-02 CHEST"),
                studies.stream().map(BrowserNode::label).toList());
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
