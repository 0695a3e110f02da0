package org.raylens.inference.family.imported;

import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ModelOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How raw outputs become tokens, checked by hand on tiny tensors (no graph needed). */
class OutputMappingTest {
    private static ImportManifest manifest(OutputSpec... outputs) {
        return new ImportManifest(Path.of("/m/model.json"), "m", "", Map.of(ImportEngine.ONNX, "model.onnx"),
                ImportEngine.ONNX, Map.of(), "input", 1, 4, 4, false, new float[]{0f}, new float[]{1f},
                List.of(outputs), false);
    }

    private static OutputSpec spec(String name, ModelOutput.Kind kind, long[] shape, int index, int prefix, int rows,
                                   int cols, int patch) {
        return new OutputSpec(new ModelOutput(name, kind, shape, List.of(), ModelOutput.Activation.NONE), index, prefix,
                rows, cols, patch);
    }

    @Test
    void aFeatureMapBecomesPatchTokensBehindTheirMean() {
        // (1, C=2, h=2, w=2): channel 0 = 1,2,3,4; channel 1 = 10,20,30,40
        OutputMapping m = new OutputMapping(manifest(spec("features", ModelOutput.Kind.FEATURE_MAP,
                new long[]{1, 2, 2, 2}, 0, 0, 2, 2, 2)));
        FloatTensor map = new FloatTensor(new float[]{1, 2, 3, 4, 10, 20, 30, 40}, new long[]{1, 2, 2, 2});
        EncoderOutput o = m.toEncoderOutput(1, m.select(List.of(map), 1));
        assertEquals(5, o.layout().numTokens());
        assertEquals(2, o.layout().dim());
        assertArrayEquals(new float[]{2.5f, 25f}, o.pooler(0));
        // patch (1, 0) is spatial index 2: (3, 30)
        assertArrayEquals(new float[]{1, 10, 2, 20, 3, 30, 4, 40}, o.patchTokens(0));
        assertNull(o.familyPooled());
        assertEquals(map, o.namedOutputs().get("features"));
    }

    @Test
    void patchTokensWithoutPrefixGetTheirMeanAsClassToken() {
        OutputMapping m = new OutputMapping(manifest(spec("tokens", ModelOutput.Kind.PATCH_TOKENS,
                new long[]{1, 2, 3}, 0, 0, 1, 2, 2)));
        FloatTensor t = new FloatTensor(new float[]{1, 2, 3, 5, 6, 7}, new long[]{1, 2, 3});
        EncoderOutput o = m.toEncoderOutput(1, m.select(List.of(t), 1));
        assertArrayEquals(new float[]{3, 4, 5}, o.pooler(0));
        assertArrayEquals(t.data(), o.patchTokens(0));
    }

    @Test
    void aClassifierIsOneGlobalTokenAndAnEmbeddingOfAnotherWidthStaysByName() {
        OutputMapping classifier = new OutputMapping(manifest(spec("logits", ModelOutput.Kind.LOGITS,
                new long[]{1, 3}, 0, 0, 0, 0, 0)));
        FloatTensor logits = new FloatTensor(new float[]{1, 2, 3, 4, 5, 6}, new long[]{2, 3});
        EncoderOutput o = classifier.toEncoderOutput(2, classifier.select(List.of(logits), 2));
        assertEquals(1, o.layout().numTokens());
        assertArrayEquals(new float[]{4, 5, 6}, o.pooled(1));

        OutputMapping vit = new OutputMapping(manifest(
                spec("tokens", ModelOutput.Kind.PATCH_TOKENS, new long[]{1, 2, 2}, 0, 1, 1, 1, 4),
                spec("proj", ModelOutput.Kind.EMBEDDING, new long[]{1, 3}, 1, 0, 0, 0, 0)));
        assertTrue(vit.embeddingOnlyByName());
        EncoderOutput v = vit.toEncoderOutput(1, vit.select(List.of(new FloatTensor(new float[]{1, 2, 3, 4},
                new long[]{1, 2, 2}), new FloatTensor(new float[]{7, 8, 9}, new long[]{1, 3})), 1));
        assertArrayEquals(new float[]{1, 2}, v.pooled(0), "pooled falls back to CLS");
        assertArrayEquals(new float[]{7, 8, 9}, v.namedOutputs().get("proj").data());
    }

    @Test
    void aMissingOrMisshapenOutputIsTyped() {
        OutputMapping m = new OutputMapping(manifest(spec("logits", ModelOutput.Kind.LOGITS, new long[]{1, 3}, 1, 0,
                0, 0, 0)));
        FloatTensor logits = new FloatTensor(new float[3], new long[]{1, 3});
        assertThrows(OutputMismatchException.class, () -> m.select(List.of(logits), 1));
        OutputMapping n = new OutputMapping(manifest(spec("logits", ModelOutput.Kind.LOGITS, new long[]{1, 4}, 0, 0,
                0, 0, 0)));
        assertThrows(OutputMismatchException.class, () -> n.select(List.of(logits), 1));
    }
}
