package org.raylens.app.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.weights.WeightsIdentity;

/**
 * The mask row's first-mask rule: a trained model's mask shows at once, a random one waits to be asked for; and the
 * rows of methods the analysed model cannot give carry the reason only while that model's result is on screen.
 */
class LayersModelTest {

    @TempDir
    Path dir;

    private LayersModel layers(AnalysisService service) {
        return new LayersModel(new AnalysisModel(service, new SameThreadRunner()), "viridis", 0.5);
    }

    private static MaskMap mask() {
        float[] p = new float[12];
        java.util.Arrays.fill(p, 0.9f);
        return new MaskMap("Lung", 4, 3, p, 0.4, "test");
    }

    @Test
    void aTrainedModelsFirstMaskSwitchesItsRowOnWithTheAdaptersThreshold() throws Exception {
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")))) {
            LayersModel layers = layers(service);
            layers.feedMask(mask(), false);
            LayerRow row = layers.row(LayerKind.MASK);
            assertTrue(row.visibleProperty().get());
            assertEquals(0.4, row.thresholdProperty().get(), 1e-9);
        }
    }

    @Test
    void aRandomModelsMaskIsOfferedButNotPainted() throws Exception {
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")))) {
            LayersModel layers = layers(service);
            layers.feedMask(mask(), true);
            LayerRow row = layers.row(LayerKind.MASK);
            assertFalse(row.visibleProperty().get(), "random weights: off until the user switches it on");
            assertTrue(row.presentProperty().get(), "but it can be switched on");
            assertEquals(0.4, row.thresholdProperty().get(), 1e-9);
        }
    }

    @Test
    void rowsOfWhatTheModelCannotGiveCarryTheReasonOnlyWithItsResult() throws Exception {
        Path toy = dir.resolve("toy");
        org.raylens.inference.toy.ToyEncoderFamily.mark(toy);
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")))) {
            AnalysisModel analysis = new AnalysisModel(service, new SameThreadRunner());
            LayersModel layers = new LayersModel(analysis, "viridis", 0.5);
            analysis.imageProperty().set(new org.raylens.app.FakeImage(120, 90, 0));
            analysis.encoderProperty().set(new org.raylens.app.analysis.EncoderChoice.Imported(toy, "toy"));
            analysis.run();
            assertTrue(analysis.getResult() != null, analysis.messageProperty().get());
            assertEquals(org.raylens.app.analysis.MethodAvailability.NO_ATTENTIONS,
                    layers.row(LayerKind.ROLLOUT).getUnavailable());
            assertEquals(org.raylens.app.analysis.MethodAvailability.NO_GRADIENTS,
                    layers.row(LayerKind.GRADCAM).getUnavailable());
            assertEquals(null, layers.row(LayerKind.PCA).getUnavailable());
            assertEquals(null, layers.row(LayerKind.MASK).getUnavailable());

            analysis.encoderProperty().set(new org.raylens.app.analysis.EncoderChoice.Demo());
            assertEquals(null, layers.row(LayerKind.ROLLOUT).getUnavailable(), "no result, no reason");
            analysis.run();
            assertTrue(analysis.getResult() != null, analysis.messageProperty().get());
            for (LayerRow row : layers.rows()) {
                assertEquals(null, row.getUnavailable(), "the demo encoder gives everything: " + row.kind().id());
            }
            assertTrue(layers.row(LayerKind.ROLLOUT).getMap() != null);
        }
    }
}
