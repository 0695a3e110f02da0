package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TraceRequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * EVA-X's tail from edited activations (Ablation-CAM's hook): an unedited copy scores what the gradient pass scores,
 * at both layers, whatever the batch; an ablated channel changes the score.
 */
class EvaxEditedTailTest {
    @Test
    void anUneditedCopyScoresAsTheGradientPassAndAnAblationChangesIt() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[3 * 32 * 48];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        FloatTensor x = new FloatTensor(v, new long[]{1, 3, 32, 48});
        // score: the sum of the mean patch token's first four channels, one column
        GradientTail.BatchScore batchScore = (tokens, layout) -> tokens.get(":, 1:, 0:4").mean(new int[]{1})
                .sum(new int[]{1}).reshape(-1, 1);
        GradientTail.Score score = (tokens, layout) -> {
            NDArray s = tokens.get(":, 1:, 0:4").mean(new int[]{1}).sum(new int[]{1});
            return new GradientTail.Scored(s.reshape(1, 1), s.sum());
        };
        try (Encoder e = new EvaxFamily().randomWeights("evax-tiny", 3, ComputeTarget.cpu());
             EncoderSession s = e.newSession()) {
            GradientTail tail = s.trace(x, new TraceRequest(PositionEmbeddingInterpolation.HF, Set.of(),
                    Optional.empty(), true), Progress.NONE, CancellationToken.NONE).gradientTail().orElseThrow();
            for (String layer : List.of("norm1", "block-input")) {
                float expected = tail.gradients(layer, List.of(score), CancellationToken.NONE).get(0).score();
                for (int batch : new int[]{1, 3}) {
                    float[][] got = tail.scoresFromEdited(layer, 3, batch, (variant, tokens, layout) -> {
                        if (variant > 0) {
                            for (int i = variant; i < tokens.length; i += layout.dim()) {
                                tokens[i] = 0;
                            }
                        }
                    }, batchScore, CancellationToken.NONE);
                    assertEquals(expected, got[0][0], 1e-4 * (1 + Math.abs(expected)), layer + " batch " + batch);
                    assertNotEquals(got[0][0], got[1][0], layer + ": ablating channel 1 changes the score");
                }
            }
        }
    }
}
