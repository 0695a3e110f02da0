package org.raylens.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.raylens.app.FakeImage;
import org.raylens.app.task.QueuedRunner;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.core.result.PatchMap;

/** The analysis view-model on the real demo encoder (a few hundred ms per run), without a UI. */
class AnalysisModelTest {

    private static AnalysisService service;

    @BeforeAll
    static void service() {
        service = new AnalysisService();
    }

    @AfterAll
    static void close() {
        service.close();
    }

    private static AnalysisModel model() {
        AnalysisModel m = new AnalysisModel(service, new SameThreadRunner());
        m.targetProperty().set(ComputeTarget.cpu());
        return m;
    }

    @Test
    void theDemoRunGivesMapsOnItsGridScoresAndTheBadge() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(300, 240, 0));
        m.run();
        AnalysisResult r = m.getResult();
        assertNotNull(r, m.messageProperty().get());
        assertTrue(r.demo());
        assertTrue(r.provenance().contains(DemoEncoder.BADGE));
        assertEquals(3, m.layerProperty().get(), "starts on the last of the demo's 4 layers");
        PatchMap attention = m.attentionMapProperty().get();
        assertEquals(16, attention.rows());
        assertEquals(16, attention.cols());
        // CLS attention to the patches is part of a softmax row: positive, and with the CLS share, sums to <= 1.
        float sum = 0;
        for (float v : attention.values()) {
            assertTrue(v > 0);
            sum += v;
        }
        assertTrue(sum < 1.0001f);
        PatchMap rollout = m.rolloutMapProperty().get();
        assertEquals("rollout", rollout.method());
        assertEquals(3, m.pcaMapProperty().get().channels());
        assertEquals(DemoEncoder.LABELS.size(), r.scores().orElseThrow().entries().size());
        assertTrue(m.messageProperty().get().startsWith("DEMO"));
    }

    @Test
    void layerAndHeadChooseTheMap() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(224, 224, 5));
        m.run();
        float[] mean = m.attentionMapProperty().get().values();
        m.headProperty().set(2);
        float[] head2 = m.attentionMapProperty().get().values();
        assertFalse(Arrays.equals(mean, head2));
        m.layerProperty().set(0);
        assertTrue(m.attentionMapProperty().get().description().contains("layer 1/4"));
    }

    @Test
    void theHeadCaptionFollowsTheResultOnScreenAcrossImages() {
        AnalysisModel m = model();
        assertEquals("\u2014", m.headText());
        m.imageProperty().set(new FakeImage(224, 224, 5));
        m.run();
        int heads = m.headCount();
        m.headProperty().set(0);
        assertEquals("1 / " + heads, m.headText());
        m.imageProperty().set(new FakeImage(224, 224, 7)); // another image: no result yet
        assertEquals("\u2014", m.headText(), "no '1 / 0' between images");
        assertEquals("\u2014", m.layerText());
        m.headProperty().set(heads + 3); // a head this model does not have
        m.run();
        assertEquals("mean", m.headText(), "a head the result lacks falls back to the mean");
        assertEquals(heads, m.headCount());
    }

    @Test
    void clickingAPatchMakesAPointMapThatChangesWithThePatch() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(448, 448, 0));
        m.run();
        assertTrue(m.clickAt(10, 10));
        assertEquals(0, m.clickedPatchProperty().get()[0]);
        float[] first = m.pointMapProperty().get().values();
        assertTrue(m.clickAt(400, 300));
        assertEquals(300 / 28, m.clickedPatchProperty().get()[0]);
        assertFalse(Arrays.equals(first, m.pointMapProperty().get().values()));
    }

    @Test
    void gradCamFollowsTheChosenLabel() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(256, 256, 0));
        m.run();
        assertNull(m.gradCamMapProperty().get(), "no label chosen yet");
        m.gradCamLabelProperty().set(DemoEncoder.LABELS.get(1));
        PatchMap cardio = m.gradCamMapProperty().get();
        assertNotNull(cardio, m.messageProperty().get());
        assertTrue(cardio.description().contains(DemoEncoder.LABELS.get(1)), cardio.description());
        m.gradCamLabelProperty().set(DemoEncoder.LABELS.get(4));
        assertFalse(Arrays.equals(cardio.values(), m.gradCamMapProperty().get().values()),
                "another class, another map");
    }

    @Test
    void theGradCamCaptionNamesItsLogitAndTheProbabilityTheScoresPanelShows() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(256, 256, 3));
        m.run();
        String label = DemoEncoder.LABELS.get(2);
        m.gradCamLabelProperty().set(label);
        String caption = m.gradCamMapProperty().get().description();
        AdapterScores.Entry entry = m.scores().orElseThrow().entry(label).orElseThrow();
        assertTrue(caption.endsWith("; probability " + entry.probabilityText()), caption);
        assertFalse(caption.contains("score"), "no unlabelled score beside the panel's probability: " + caption);
        var logit = java.util.regex.Pattern.compile("logit (\\S+);").matcher(caption);
        assertTrue(logit.find(), caption);
        double z = Double.parseDouble(logit.group(1));
        assertEquals(entry.probability(), 1 / (1 + Math.exp(-z)), 1e-4, "the demo adapter's probability is its "
                + "sigmoid: one output, two labelled scales");
    }

    @Test
    void aPointOutsideTheCropIsRefused() {
        AnalysisModel m = model();
        m.imageProperty().set(new FakeImage(600, 300, 0)); // resized to 448x224, crop keeps the middle 224
        m.run();
        assertFalse(m.clickAt(5, 150));
        assertNull(m.pointMapProperty().get());
        assertTrue(m.messageProperty().get().contains("did not see"));
    }

    @Test
    void aResultForAnImageNoLongerShownIsDropped() {
        QueuedRunner queued = new QueuedRunner();
        AnalysisModel m = new AnalysisModel(service, queued);
        m.targetProperty().set(ComputeTarget.cpu());
        m.imageProperty().set(new FakeImage(224, 224, 0));
        m.run();
        m.imageProperty().set(new FakeImage(224, 224, 9)); // the user moved on before the run finished
        queued.completeAll();
        assertNull(m.getResult());
        assertFalse(m.runningProperty().get());
    }

    @Test
    void colourImagesAreRefusedWithAReason() {
        AnalysisModel m = model();
        List<String> seen = new ArrayList<>();
        m.messageProperty().addListener((o, a, b) -> seen.add(b));
        m.imageProperty().set(new FakeImage(64, 64, 0) {
            @Override
            public boolean isColor() {
                return true;
            }
        });
        m.run();
        assertNull(m.getResult());
        assertNotNull(m.failureProperty().get());
        assertTrue(m.messageProperty().get().contains("colour"), m.messageProperty().get());
    }
}
