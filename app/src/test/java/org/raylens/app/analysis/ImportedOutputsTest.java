package org.raylens.app.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.encoder.TokenLayout;

/**
 * An imported model's named outputs as the window's records, checked by hand: softmax logits become scores with the
 * manifest's labels; a mask output becomes the mask layer's map over the source image (probabilities kept, logits
 * through the sigmoid); a grid that does not divide the input gives no mask rather than a misplaced one.
 */
class ImportedOutputsTest {

    private static EncoderOutput output(Map<String, FloatTensor> named) {
        TokenLayout layout = new TokenLayout(0, 0, 0, 4, 3);
        return new EncoderOutput(1, layout, new FloatTensor(new float[3], new long[] {1, 1, 3}), List.of(), Map.of(),
                null, null, named);
    }

    @Test
    void softmaxLogitsAreScoresUnderTheManifestsLabels() {
        ModelOutput logits = new ModelOutput("logits", ModelOutput.Kind.LOGITS, new long[] {1, 3},
                List.of("a", "b", "c"), ModelOutput.Activation.SOFTMAX);
        EncoderOutput out = output(Map.of("logits", new FloatTensor(new float[] {1, 2, 3}, new long[] {1, 3})));
        AdapterScores s = ImportedOutputs.scores(List.of(logits), out, "m").orElseThrow();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / z, s.entry("a").orElseThrow().probability(), 1e-6);
        assertEquals(Math.exp(3) / z, s.entry("c").orElseThrow().probability(), 1e-6);
        assertEquals("c", s.sorted().get(0).label());
        assertTrue(s.adapter().contains("softmax"), s.adapter());
    }

    @Test
    void aMaskOutputIsTheMaskLayersMapOnTheSourceImage() {
        ModelOutput mask = new ModelOutput("seg", ModelOutput.Kind.MASK, new long[] {1, 1, 2, 2}, List.of("lung"),
                ModelOutput.Activation.NONE);
        MapGeometry g = MapGeometry.identity(4, 4, 4); // a 4 x 4 input seen whole; the 2 x 2 mask has 2-px cells
        MaskMap probabilities = ImportedOutputs.mask(List.of(mask), output(Map.of("seg",
                new FloatTensor(new float[] {0.8f, 0.8f, 0.8f, 0.8f}, new long[] {1, 1, 2, 2}))), g, "m").orElseThrow();
        assertEquals("lung", probabilities.label());
        assertEquals(4, probabilities.width());
        for (float p : probabilities.probability()) {
            assertEquals(0.8, p, 1e-6, "probabilities stay probabilities");
        }
        MaskMap logits = ImportedOutputs.mask(List.of(mask), output(Map.of("seg",
                new FloatTensor(new float[] {2, 2, -2, -2}, new long[] {1, 1, 2, 2}))), g, "m").orElseThrow();
        assertEquals(1 / (1 + Math.exp(-2)), logits.at(0, 0), 1e-6, "top row: sigmoid(2)");
        assertEquals(1 / (1 + Math.exp(2)), logits.at(3, 3), 1e-6, "bottom row: sigmoid(-2)");

        ModelOutput odd = new ModelOutput("seg", ModelOutput.Kind.MASK, new long[] {1, 1, 3, 3}, List.of(),
                ModelOutput.Activation.NONE);
        assertTrue(ImportedOutputs.mask(List.of(odd), output(Map.of("seg",
                new FloatTensor(new float[9], new long[] {1, 1, 3, 3}))), g, "m").isEmpty());
    }
}
