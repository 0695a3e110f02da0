package org.raylens.inference.training;

import org.raylens.core.progress.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each head type learns a synthetic task; cancel + resume ends where an uninterrupted run ends. */
class AdapterTrainerTest {
    @TempDir
    Path tmp;

    private static TrainingSettings settings(AdapterType type, int epochs) {
        return TrainingSettings.defaults(type).withEpochs(epochs).withBatchSize(16).withLearningRate(1e-2)
                .withPatience(100).withSeed(3).withHead(16, 2);
    }

    @Test
    void linearProbeSeparatesASeparableTask() throws IOException {
        TrainingSet data = TrainingFixtures.separable(160, 1, false);
        AdapterTrainer.Result r = new AdapterTrainer(data, settings(AdapterType.LINEAR, 30)
                .withInput(AdapterInput.CLS_MEAN_PATCH), TrainingFixtures.identity())
                .train(tmp, false, TrainingListener.NONE, CancellationToken.NONE);
        assertTrue(r.report().macroAuroc() >= 0.95, "macro AUROC " + r.report().macroAuroc());
        assertEquals(r.report().macroAuroc(), r.spec().training().orElseThrow().metrics().get("macro_auroc"));
        for (double t : r.spec().thresholds()) {
            assertTrue(t > 0 && t < 1, "Youden threshold " + t);
        }
        assertEquals(2, r.report().classes().size());
    }

    @Test
    void attentionPoolFindsTheMarkedPatch() throws IOException {
        TrainingSet data = TrainingFixtures.separable(160, 2, true);
        AdapterTrainer.Result r = new AdapterTrainer(data, settings(AdapterType.ATTENTION_POOL_MLP, 60)
                .withInput(AdapterInput.PATCH_TOKENS), TrainingFixtures.identity())
                .train(tmp, false, TrainingListener.NONE, CancellationToken.NONE);
        assertTrue(r.report().macroAuroc() >= 0.95, "macro AUROC " + r.report().macroAuroc());
    }

    @Test
    void segmentationHeadsLearnTheMask() throws IOException {
        TrainingSet data = TrainingFixtures.masks(64, 4);
        for (AdapterType type : List.of(AdapterType.SEGMENTATION_LINEAR, AdapterType.SEGMENTATION_CONV)) {
            AdapterTrainer.Result r = new AdapterTrainer(data, settings(type, 40), TrainingFixtures.identity())
                    .train(tmp, false, TrainingListener.NONE, CancellationToken.NONE);
            assertTrue(r.report().dice() >= 0.9, type + " Dice " + r.report().dice());
            assertTrue(r.report().iou() > 0.8, type + " IoU " + r.report().iou());
        }
    }

    @Test
    void resumeAfterCancelEndsWhereAnUninterruptedRunEnds() throws IOException {
        TrainingSet data = TrainingFixtures.separable(96, 5, false);
        TrainingSettings s = settings(AdapterType.LINEAR, 6);
        AdapterTrainer.Result whole = new AdapterTrainer(data, s, TrainingFixtures.identity())
                .train(tmp.resolve("whole"), false, TrainingListener.NONE, CancellationToken.NONE);

        Path out = tmp.resolve("interrupted");
        CancellationToken.Source flag = CancellationToken.newSource();
        List<Integer> epochs = new ArrayList<>();
        TrainingListener cancelAfterThree = new TrainingListener() {
            @Override
            public void epochDone(EpochResult e) {
                epochs.add(e.epoch());
                if (e.epoch() == 3) {
                    flag.cancel();
                }
            }
        };
        assertThrows(CancellationException.class, () -> new AdapterTrainer(data, s, TrainingFixtures.identity())
                .train(out, false, cancelAfterThree, flag));
        assertEquals(List.of(1, 2, 3), epochs);
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/state.json")));

        List<String> messages = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void epochDone(EpochResult e) {
                epochs.add(e.epoch());
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        AdapterTrainer.Result resumed = new AdapterTrainer(data, s, TrainingFixtures.identity())
                .train(out, true, record, CancellationToken.NONE);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), epochs, "the resumed run starts at epoch 4");
        assertTrue(messages.get(0).contains("resuming after epoch 3"), messages.toString());
        assertEquals(whole.report().history().size(), resumed.report().history().size());
        for (String k : whole.tensors().keySet()) {
            float[] a = whole.tensors().get(k);
            float[] b = resumed.tensors().get(k);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6, k + "[" + i + "]");
            }
        }
        assertEquals(whole.report().macroAuroc(), resumed.report().macroAuroc(), 1e-9);

    }

    @Test
    void foreignCheckpointIsRefused() throws IOException {
        TrainingSet data = TrainingFixtures.separable(64, 6, false);
        CancellationToken.Source flag = CancellationToken.newSource();
        TrainingListener stop = new TrainingListener() {
            @Override
            public void epochDone(EpochResult e) {
                flag.cancel();
            }
        };
        Path out = tmp.resolve("a");
        assertThrows(CancellationException.class, () -> new AdapterTrainer(data, settings(AdapterType.LINEAR, 4),
                TrainingFixtures.identity()).train(out, false, stop, flag));
        IOException e = assertThrows(IOException.class, () -> new AdapterTrainer(data,
                settings(AdapterType.LINEAR, 4).withLearningRate(0.5), TrainingFixtures.identity())
                .train(out, true, TrainingListener.NONE, CancellationToken.NONE));
        assertTrue(e.getMessage().contains("different training setup"), e.getMessage());
    }
}
