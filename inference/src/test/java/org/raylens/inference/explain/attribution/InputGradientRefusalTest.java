package org.raylens.inference.explain.attribution;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.InputGradientsUnavailableException;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.head.TokenHead;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A family whose gradient tail stops inside the network (EVA-X: Grad-CAM yes, input gradients no) says so in its
 * capabilities, and a gradient attribution method asked of it anyway gets the typed refusal, not a wrong map.
 */
class InputGradientRefusalTest {

    @Test
    void evaxHasGradientsButNoInputGradientsAndSaliencyIsRefused() throws Exception {
        try (Encoder evax = Encoders.builder().family("evax").architecture("evax-tiny").randomWeights(3).build();
             EncoderSession s = evax.newSession()) {
            assertTrue(evax.capabilities().gradients());
            assertFalse(evax.capabilities().inputGradients());
            int size = evax.info().imageSize();
            ExplainInput in = ExplainInput.ofTensor(new FloatTensor(new float[3 * size * size],
                    new long[]{1, 3, size, size}), evax.info().patchSize(), "zeros");
            InputGradientExplainer saliency = new InputGradientExplainer.Saliency();
            ForwardTrace t = ForwardTrace.record(ExplainContext.of(evax, s), in,
                    saliency.needs(ExplainRequest.defaults(evax.info().layers())), Progress.NONE,
                    CancellationToken.NONE);
            TokenHead head = new TokenHead() {
                @Override
                public NDArray forward(NDArray tokens, TokenLayout layout) {
                    return tokens.get(":, 0, :2");
                }

                @Override
                public int outputs() {
                    return 2;
                }

                @Override
                public List<String> labels() {
                    return List.of();
                }
            };
            InputGradientsUnavailableException e = assertThrows(InputGradientsUnavailableException.class,
                    () -> saliency.explain(t, new ExplainRequest(0, null, null, null, null, null, head, 0)));
            assertTrue(e.getMessage().contains("no gradients with respect to the input"), e.getMessage());
        }
    }
}
