package org.raylens.inference.explain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trace that keeps only some query rows of each layer (the CLS row, a clicked patch's row) copies exactly those
 * rows of the layer's probabilities, so every map read from them equals the map read from the whole matrix bit for
 * bit, and it keeps no whole matrix unless one is asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttentionRowsTraceTest {
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

    /** 42×56 px: a 3×4 patch grid, 1 register, so 14 tokens. */
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
    void mapsFromKeptRowsEqualMapsFromTheWholeMatrices() {
        ExplainInput in = input();
        // the centre of patch (1, 2) in source pixels (the tensor input's geometry is the identity)
        double px = 2 * 14 + 7;
        double py = 14 + 7;
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), p);
            ForwardTrace whole = ForwardTrace.record(ctx, in, TraceNeeds.tokens().withAttentions(allLayers()),
                    Progress.NONE, CancellationToken.NONE);
            ForwardTrace rows = ForwardTrace.record(ctx, in, TraceNeeds.tokens().withRows(allLayers(),
                    Set.of(AttentionQuery.CLS, AttentionQuery.point(px, py))), Progress.NONE, CancellationToken.NONE);
            assertTrue(rows.output().attentions().isEmpty(), "no whole matrix kept when only rows are asked for");
            assertArrayEquals(whole.output().lastHiddenState().data(), rows.output().lastHiddenState().data());
            int n = whole.layout().numTokens();
            int patch = whole.layout().patchIndex(1, 2);
            for (int l = 0; l < config.numLayers(); l++) {
                AttentionRows kept = rows.output().attentionRows().get(l);
                assertArrayEquals(new int[]{0, patch}, kept.queries());
                assertEquals(config.numHeads() * 2 * n, kept.probabilities().length, "(heads, 2, N) floats only");
                assertEquals(AttentionRows.of(whole.output().attentions().get(l).data(), config.numHeads(), n,
                        new int[]{0, patch}), kept, "layer " + l + ": the very rows of the whole matrix");
                for (HeadChoice h : List.of(HeadChoice.MEAN, HeadChoice.of(0), HeadChoice.of(1))) {
                    PatchMap fromWhole = AttentionMaps.layer(whole, l).cls(h);
                    PatchMap fromRows = AttentionMaps.layer(rows, l).cls(h);
                    assertArrayEquals(fromWhole.values(), fromRows.values());
                    assertEquals(fromWhole.description(), fromRows.description());
                    assertArrayEquals(AttentionMaps.layer(whole, l).point(h, px, py).values(),
                            AttentionMaps.layer(rows, l).point(h, px, py).values());
                }
            }
            // a row that was not kept is refused, not guessed
            assertThrows(IllegalStateException.class, () -> AttentionMaps.layer(rows, 0).query(HeadChoice.MEAN, 0, 0));
        }
    }

    @Test
    void theAttentionAndPointMethodsKeepOnlyTheRowTheyRead() {
        ExplainInput in = input();
        ExplainRequest d = ExplainRequest.defaults(config.numLayers());
        ExplainRequest atPoint = new ExplainRequest(0, HeadChoice.MEAN, new double[]{7, 7}, d.rollout(), d.mask(),
                d.camLayer(), null, 0);
        Explainers e = Explainers.load();
        TraceNeeds cls = e.find("attention").orElseThrow().needs(d);
        TraceNeeds point = e.find("point").orElseThrow().needs(atPoint);
        assertEquals(Set.of(), cls.attentionLayers(), "the CLS map needs no whole layer");
        assertEquals(Set.of(AttentionQuery.CLS), cls.rows());
        assertEquals(Set.of(), point.attentionLayers(), "a point map needs no whole layer");
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), p);
            ForwardTrace whole = ForwardTrace.record(ctx, in, TraceNeeds.tokens().withAttentions(allLayers()),
                    Progress.NONE, CancellationToken.NONE);
            Explainer pointMethod = e.find("point").orElseThrow();
            ForwardTrace own = ForwardTrace.record(ctx, in, point, Progress.NONE, CancellationToken.NONE);
            assertArrayEquals(pointMethod.explain(whole, atPoint).map().values(),
                    pointMethod.explain(own, atPoint).map().values());
            // and the one-map calls of AttentionMaps, which now keep one row, give the whole layer's map
            AttentionMaps maps = new AttentionMaps(ctx);
            assertArrayEquals(AttentionMaps.layer(whole, 1).cls(HeadChoice.MEAN).values(),
                    maps.cls(in, 1, HeadChoice.MEAN).values());
            assertArrayEquals(AttentionMaps.layer(whole, 0).point(HeadChoice.of(1), 30, 20).values(),
                    maps.point(in, 0, HeadChoice.of(1), 30, 20).values());
        }
    }
}
