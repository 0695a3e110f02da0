package org.raylens.app.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.model.ClassifierLabels;
import org.raylens.inference.weights.WeightsIdentity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The models panel's import takes a single weights file (EVA-X is released as .pt/.pth files), and a fine-tuned
 * checkpoint's own head then scores the image and is what Grad-CAM explains when no adapter is chosen, with the
 * labels its file name implies. Runs on the EVA-X golden checkpoint (14-class head) under a fine-tune's name.
 */
class ImportedWeightsFileTest {
    @TempDir
    Path dir;

    private static Optional<Path> goldenCheckpoint() {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
        Path pth = shared.resolve("golden/evax/evax_tiny/weights/evax_tiny.pth");
        return Files.isRegularFile(pth) ? Optional.of(pth) : Optional.empty();
    }

    @Test
    void aPthFileImportsAndItsOwnHeadScoresAndExplains() throws Exception {
        Path golden = goldenCheckpoint().orElse(null);
        assumeTrue(golden != null, "../shared/golden/evax is absent; weights-file import test skipped");
        Path file = Files.createSymbolicLink(dir.resolve("eva_x_tiny_patch16_cxr14_ft.pth"), golden);
        WeightsIdentity cache = new WeightsIdentity(dir.resolve("sha.properties"));

        Preferences.ModelEntry entry = ModelValidator.encoderLoader(cache).validate(file);
        assertEquals(file.toAbsolutePath().toString(), entry.folder);
        assertTrue(entry.name.startsWith("eva_x_tiny_patch16_cxr14_ft.pth"), entry.name);
        assertTrue(entry.weightsSha256.matches("[0-9a-f]{64}"), entry.weightsSha256);
        assertEquals(Files.size(golden), entry.weightsBytes);

        try (AnalysisService service = new AnalysisService(cache)) {
            AnalysisResult r = service.analyse(new FakeImage(120, 90, 0),
                    new EncoderChoice.Imported(Path.of(entry.folder), entry.name), ComputeTarget.cpu(),
                    Progress.NONE, () -> false);
            AdapterScores scores = r.scores().orElseThrow(() -> new AssertionError("the model's own head gives scores"));
            assertEquals(ClassifierLabels.CXR14, scores.entries().stream().map(AdapterScores.Entry::label).toList());
            assertTrue(r.adapters().contains("the model's own head"), r.adapters());
            assertEquals(ClassifierLabels.CXR14, r.head().orElseThrow().labels());
            PatchMap cam = service.gradCam(r, "Effusion");
            assertEquals(14, cam.rows());
            assertEquals(14, cam.cols());
            assertTrue(cam.description().contains("Effusion"), cam.description());
        }
    }
}
