package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

import org.junit.jupiter.api.Test;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grad-CAM of the adapters' own heads: an attention-pooling adapter (RayDINO's) reads patch tokens, so unlike a CLS
 * probe its gradient reaches the last block's output too; a CLS-only linear probe's does not.
 */
class AdapterCamTest {
    private static Adapter adapter(AdapterType type, AdapterInput input, int d) {
        int hidden = type == AdapterType.ATTENTION_POOL_MLP ? 16 : 0;
        int heads = type == AdapterType.ATTENTION_POOL_MLP ? 2 : 0;
        AdapterSpec spec = new AdapterSpec("cam-" + type.jsonName(), type, input, AdapterTask.MULTILABEL,
                List.of("x", "y"), List.of(0.5, 0.5), hidden, heads, new EncoderIdentity("tiny", d, 14, 1, "ab".repeat(32)),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"), Optional.empty());
        SplittableRandom r = new SplittableRandom(3);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (var e : AdapterTensors.expected(spec).entrySet()) {
            long n = 1;
            for (long s : e.getValue()) {
                n *= s;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.3 * r.nextGaussian());
            }
            tensors.put(e.getKey(), v);
        }
        return Adapter.fromTensors(Path.of("in-memory"), spec, tensors);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void poolingAdapterGradientsReachTheLastBlockOutputAndClsProbesDoNot() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(1, FeedForwardKind.MLP_GELU, true);
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[3 * 56 * 42];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        ExplainInput in = ExplainInput.ofTensor(new FloatTensor(x, new long[]{1, 3, 56, 42}), 14, "random");
        try (Dinov2Encoder enc = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, new SyntheticWeights(c, 9));
             EncoderSession p = Dinov2Model.of(enc).newSession();
             Adapter pool = adapter(AdapterType.ATTENTION_POOL_MLP, AdapterInput.PATCH_TOKENS, c.hiddenSize());
             Adapter probe = adapter(AdapterType.LINEAR, AdapterInput.CLS, c.hiddenSize())) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(enc), p);
            CamResult poolOut = new CamPipeline(ctx, "block-output", CamWeighting.GRAD_CAM)
                    .run(in, pool.head(), OutputTarget.output(1, "y"), Progress.NONE, CancellationToken.NONE);
            assertTrue(norm(poolOut.gradients()) > 1e-4, "attention pooling reads the last block's patch tokens");
            CamResult probeOut = new CamPipeline(ctx, "block-output", CamWeighting.GRAD_CAM)
                    .run(in, probe.head(), OutputTarget.output(1, "y"), Progress.NONE, CancellationToken.NONE);
            assertEquals(0.0, norm(probeOut.gradients()), "a CLS probe has exactly zero gradient there");
            for (CamWeighting w : List.of(CamWeighting.GRAD_CAM, CamWeighting.GRAD_CAM_PLUS_PLUS)) {
                PatchMap m = new CamPipeline(ctx, "norm1", w).explain(in, pool.head(), 0, Progress.NONE, CancellationToken.NONE);
                assertEquals(4, m.rows());
                assertEquals(3, m.cols());
                for (float v : m.values()) {
                    assertTrue(Float.isFinite(v) && v >= 0);
                }
                // the map's logit is the adapter's own output for this image
                float[] logits = pool.logits(p.forward(in.tensor(), org.raylens.inference.encoder.ForwardOptions.defaults()), 0);
                assertTrue(m.description().contains(String.format(java.util.Locale.ROOT, "%.6g", logits[0])), m.description());
            }
        }
    }
}
