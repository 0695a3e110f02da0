package org.raylens.app.models;

import org.raylens.core.progress.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.ExpectedParameters;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.weights.SafetensorsWriter;
import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.WeightsIdentity;

/** A real (tiny) model folder through the models panel's validator and the analysis. */
class ImportedModelTest {

    @TempDir
    Path dir;

    private Path writeTinyModel() throws IOException {
        Dinov2Config c = new Dinov2Config(32, 2, 2, 14, 42, 3, 128, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0);
        SyntheticWeights w = new SyntheticWeights(c, 7);
        Path folder = Files.createDirectories(dir.resolve("tiny-model"));
        SafetensorsWriter sw = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : ExpectedParameters.of(c).entrySet()) {
            sw.put(e.getKey(), w.get(e.getKey()).values(), e.getValue(), TensorDtype.F32);
        }
        sw.put("mask_token", new float[c.hiddenSize()], new long[] {1, c.hiddenSize()}, TensorDtype.F32);
        sw.write(folder.resolve("backbone_compatible.safetensors"));
        // the shapes cannot tell the head count, and a D=32 model is no published DINOv2: state it
        Files.writeString(folder.resolve("config.json"), "{\"num_attention_heads\": 2, \"layer_norm_eps\": 1e-6}");
        return folder;
    }

    @Test
    void aModelFolderIsValidatedWithItsDigestAndSizeAndRunsWithoutScores() throws Exception {
        Path folder = writeTinyModel();
        WeightsIdentity cache = new WeightsIdentity(dir.resolve("sha.properties"));
        Preferences.ModelEntry entry = ModelValidator.encoderLoader(cache).validate(folder);
        assertTrue(entry.weightsSha256.matches("[0-9a-f]{64}"), entry.weightsSha256);
        assertEquals(Files.size(folder.resolve("backbone_compatible.safetensors")), entry.weightsBytes);
        assertTrue(entry.name.startsWith("tiny-model"), entry.name);

        try (AnalysisService service = new AnalysisService(cache)) {
            AnalysisResult r = service.analyse(new FakeImage(120, 90, 0), new EncoderChoice.Imported(folder, "tiny"),
                    ComputeTarget.cpu(), Progress.NONE, () -> false);
            assertFalse(r.demo(), "an imported model's results carry no demo badge");
            assertEquals(entry.weightsSha256, r.weightsSha256());
            assertTrue(r.scores().isEmpty(), "no adapter, no scores");
            // No preprocessor_config.json: RAD-DINO's 518-pixel recipe, 37×37 patches, so only the last of the two
            // layers' attention is kept (the all-layers limit is for small token counts).
            assertEquals(37, r.attention().geometry().rows());
            assertEquals(2, r.attention().layers());
            // above 600 tokens the window keeps whole matrices of the last layer only, but the CLS row of every layer
            // (66 KB each at 518 px), so the layer chooser offers every layer's CLS map
            assertEquals(java.util.Set.of(0, 1), r.attention().keptLayers());
            assertEquals(37 * 37, r.attention().cls(1, -1).values().length);
        }
    }

    @Test
    void aFolderWithoutWeightsIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        WeightsIdentity cache = new WeightsIdentity(dir.resolve("sha.properties"));
        assertThrows(IOException.class, () -> ModelValidator.encoderLoader(cache).validate(empty));
        assertThrows(IOException.class, () -> ModelValidator.encoderLoader(cache).validate(dir.resolve("missing")));
    }
}
