package org.raylens.app.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.weights.WeightsIdentity;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's Analyse runs the encoder once: attention, rollout, PCA and the adapters all read one forward trace,
 * and Grad-CAM later starts from the same trace. Counted at two depths: the trace seam, and the encoder blocks the
 * analysis reports as it runs them (today's three passes reported three times the layers).
 */
class AnalysisOneForwardTest {
    @TempDir
    Path dir;

    @Test
    void anAnalysisRunsOneForwardAndItsMapsEqualTheCommandLines() throws Exception {
        Path model = dir.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        AtomicInteger traces = new AtomicInteger();
        AtomicInteger blockReports = new AtomicInteger();
        long[] total = {0};
        Progress progress = (done, blocks, message) -> {
            blockReports.incrementAndGet();
            total[0] = Math.max(total[0], blocks);
        };
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")),
                (ctx, in, needs, p, c) -> {
                    traces.incrementAndGet();
                    return ForwardTrace.record(ctx, in, needs, p, c);
                })) {
            AnalysisResult r = service.analyse(new FakeImage(120, 90, 0), new EncoderChoice.Imported(model, "tiny"),
                    ComputeTarget.cpu(), progress, () -> false);
            int layers = SyntheticModelFolder.tinyGeometry().numLayers();
            assertEquals(1, traces.get(), "one forward trace");
            assertEquals(layers, blockReports.get(), "each block ran once");
            assertEquals(layers, total[0], "progress counts one pass");
            assertTrue(r.map("pca").isPresent());
            assertTrue(r.map("toy-norm").isPresent(), "a registered explainer ran in the same pass");
            PatchMap rolloutMap = r.map("rollout").orElseThrow();
            assertEquals(rolloutMap.rows() * rolloutMap.cols(), rolloutMap.values().length);
            // the maps equal those of the methods' own passes over the same input
            try (var predictor = org.raylens.inference.encoder.Encoders.builder().folder(model)
                    .device(ComputeTarget.cpu()).identity(new WeightsIdentity(dir.resolve("sha2.properties"))).build();
                 var p = predictor.newSession()) {
                var ctx = org.raylens.inference.explain.ExplainContext.of(predictor, p,
                        org.raylens.inference.encoder.PositionEmbeddingInterpolation.HF);
                PatchMap rollout = new org.raylens.inference.explain.AttentionRollout(ctx).compute(r.input(),
                        org.raylens.inference.explain.RolloutOptions.defaults(), Progress.NONE, CancellationToken.NONE);
                assertArrayEquals(rollout.values(), rolloutMap.values());
                assertArrayEquals(new org.raylens.inference.explain.FeaturePca(ctx).compute(r.input(),
                        org.raylens.inference.explain.FeaturePca.Threshold.NONE).components().values(),
                        r.map("pca").orElseThrow().values());
            }
            assertEquals(1, traces.get(), "still one: the checks above ran their own encoder");
        }
    }

    @Test
    void gradCamOfTheLastAnalysisStartsFromItsTraceAndEqualsTheFullPipeline() throws Exception {
        AtomicInteger traces = new AtomicInteger();
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")),
                (ctx, in, needs, p, c) -> {
                    traces.incrementAndGet();
                    return ForwardTrace.record(ctx, in, needs, p, c);
                });
                var encoder = DemoEncoder.build(ComputeTarget.cpu()); var p = encoder.newSession()) {
            AnalysisResult first = service.analyse(new FakeImage(120, 90, 0), new EncoderChoice.Demo(),
                    ComputeTarget.cpu(), Progress.NONE, () -> false);
            var head = first.head().orElseThrow();
            String label = head.labels().get(1);
            PatchMap fromTrace = service.gradCam(first, label);
            PatchMap full = new org.raylens.inference.explain.CamPipeline(
                    org.raylens.inference.explain.ExplainContext.of(encoder, p), "norm1",
                    org.raylens.inference.explain.CamWeighting.GRAD_CAM).explain(first.input(), head, 1,
                    Progress.NONE, CancellationToken.NONE);
            assertArrayEquals(full.values(), fromTrace.values());
            assertEquals(1, traces.get(), "Grad-CAM ran no forward trace of its own");
            // an older result (another image analysed since) still gets its map, from its own pass
            service.analyse(new FakeImage(90, 120, 0), new EncoderChoice.Demo(), ComputeTarget.cpu(), Progress.NONE,
                    () -> false);
            assertArrayEquals(full.values(), service.gradCam(first, label).values());
        }
    }
}
