package org.raylens.app.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.task.SameThreadRunner;

class ScoresModelTest {

    @Test
    void sortsHighestFirstPicksTheTopLabelAndFollowsClicks() {
        try (AnalysisService service = new AnalysisService()) {
            ScoresModel m = new ScoresModel(new AnalysisModel(service, new SameThreadRunner()));
            m.show(AdapterScores.of("probe", List.of("a", "b", "c"), new double[] {0.2, 0.9, 0.5}, 0.5));
            List<AdapterScores.Entry> sorted = m.sortedProperty().get();
            assertEquals(List.of("b", "c", "a"), sorted.stream().map(AdapterScores.Entry::label).toList());
            assertTrue(sorted.get(1).above(), "at the threshold counts as above");
            assertFalse(sorted.get(2).above());
            assertEquals("b", m.selectedLabelProperty().get());
            m.pick("a");
            assertEquals("a", m.selectedLabelProperty().get());
            m.show(null);
            assertTrue(m.sortedProperty().get().isEmpty());
            assertNull(m.selectedLabelProperty().get());
        }
    }
}
