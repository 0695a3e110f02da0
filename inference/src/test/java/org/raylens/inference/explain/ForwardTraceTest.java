package org.raylens.inference.explain;

import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.head.TokenHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One forward trace serves rollout, PCA, attention maps and Grad-CAM: each equals what the method computes from its
 * own pass (a plain forward's kept maps and tokens, Grad-CAM's own blocks), bit for bit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardTraceTest {
    private Dinov2Config config;
    private Dinov2Encoder encoder;

    @BeforeAll
    void build() throws IOException {
        config = SyntheticCheckpoints.tiny(1, FeedForwardKind.MLP_GELU, true);
        encoder = Dinov2Encoder.build(config, ComputeTarget.cpu(), null, new SyntheticWeights(config, 31));
    }

    @AfterAll
    void close() {
        encoder.close();
    }

    private static ExplainInput input() {
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[3 * 42 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ExplainInput.ofTensor(new FloatTensor(v, new long[]{1, 3, 42, 56}), 14, "random");
    }

    private Set<Integer> allLayers() {
        return IntStream.range(0, config.numLayers()).boxed().collect(Collectors.toSet());
    }

    @Test
    void rolloutAndPcaFromTheTraceEqualThoseOfAPlainForward() {
        ExplainInput in = input();
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), p);
            RolloutOptions options = new RolloutOptions(HeadFusion.MAX, 0.1);
            ForwardTrace trace = ForwardTrace.record(ctx, in, TraceNeeds.tokens().withAttentions(allLayers())
                    .withRollout(options).withCamInput(), Progress.NONE, CancellationToken.NONE);
            EncoderOutput plain = p.forward(in.tensor(), ForwardOptions.defaults().withAttentions(allLayers()));
            assertArrayEquals(plain.lastHiddenState().data(), trace.output().lastHiddenState().data(), "tokens");
            // rollout: the trace's per-block preparation against the row product over the plain forward's maps
            List<float[]> probs = new ArrayList<>();
            for (int l = 0; l < config.numLayers(); l++) {
                probs.add(plain.attentions().get(l).data());
                assertArrayEquals(plain.attentions().get(l).data(), trace.output().attentions().get(l).data());
            }
            double[] row = AttentionRollout.clsRow(probs, config.numHeads(), plain.layout().numTokens(), options);
            PatchMap rollout = AttentionRollout.compute(trace);
            float[] expected = new float[rollout.values().length];
            for (int t = 0; t < expected.length; t++) {
                expected[t] = (float) row[plain.layout().firstPatch() + t];
            }
            assertArrayEquals(expected, rollout.values());
            // PCA: the trace's tokens against the pure computation on the plain forward's patch tokens
            FeaturePca.Result pca = FeaturePca.compute(trace, FeaturePca.Threshold.OTSU);
            FeaturePca.Analysis a = FeaturePca.analyse(plain.patchTokens(0), 12, config.hiddenSize(), 3, 4,
                    FeaturePca.Threshold.OTSU);
            assertArrayEquals(a.scores(), pca.components().values());
            assertArrayEquals(a.mask(), pca.foreground().orElseThrow().values());
            // and the methods' own one-image calls give the same maps
            assertArrayEquals(rollout.values(), new AttentionRollout(ctx).compute(in, options, Progress.NONE,
                    CancellationToken.NONE).values());
            // PCA's own call runs a forward without maps, which takes the fused attention (SDPA): the same numbers to
            // float rounding, not bit for bit, as the traced forward kept every map (explicit attention)
            assertArrayEquals(pca.components().values(), new FeaturePca(ctx).compute(in, FeaturePca.Threshold.OTSU)
                    .components().values(), 1e-5f);
        }
    }

    @Test
    void gradCamFromTheTraceEqualsGradCamsOwnPass() {
        ExplainInput in = input();
        float[] w = new float[3 * config.hiddenSize()];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        EncoderIdentity identity = new EncoderIdentity("test", config.hiddenSize(), config.patchSize(),
                config.numRegisterTokens(), EncoderIdentity.NOT_COMPUTED);
        try (Adapter probe = Adapter.linearProbe().setEncoder(identity).setWeights(w, new float[3]).build();
             EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            TokenHead head = probe.head();
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), p);
            ForwardTrace trace = ForwardTrace.record(ctx, in, TraceNeeds.tokens().withCamInput(), Progress.NONE,
                    CancellationToken.NONE);
            for (String layer : List.of("norm1", "block-input", "block-output")) {
                for (CamWeighting weighting : List.of(CamWeighting.GRAD_CAM, CamWeighting.GRAD_CAM_PLUS_PLUS)) {
                    CamPipeline cam = new CamPipeline(ctx, layer, weighting);
                    List<PatchMap> own = cam.explainEach(in, head, List.of(0, 2), Progress.NONE, CancellationToken.NONE);
                    List<PatchMap> traced = cam.explainEach(trace, head, List.of(0, 2), CancellationToken.NONE);
                    for (int k = 0; k < 2; k++) {
                        assertArrayEquals(own.get(k).values(), traced.get(k).values(), layer + " " + weighting.name());
                        assertEquals(own.get(k).description(), traced.get(k).description());
                    }
                }
            }
        }
    }

    @Test
    void aTraceWithoutWhatAMethodNeedsSaysSo() {
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            ForwardTrace trace = ForwardTrace.record(ExplainContext.of(Dinov2Model.of(encoder), p), input(), TraceNeeds.tokens(), Progress.NONE,
                    CancellationToken.NONE);
            assertThrows(IllegalStateException.class, () -> AttentionRollout.compute(trace));
            assertThrows(IllegalStateException.class, () -> AttentionMaps.layer(trace, 0));
        }
    }

    @Test
    void theRegistryListsTheBuiltInMethodsByTheirCommandLineNames() {
        Explainers e = Explainers.load();
        assertEquals(List.of("attention", "rollout", "point", "gradcam", "gradcam++", "pca"),
                e.names().subList(0, 6));
        assertEquals("Grad-CAM++", e.find("GradCAM++").orElseThrow().displayName());
        assertEquals(true, e.find("nope").isEmpty());
    }
}
