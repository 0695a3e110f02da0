package org.raylens.inference.toy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.AttentionsUnavailableException;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.FeaturePca;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.RolloutOptions;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.model.ModelLoadException;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder seam with a family added from test code alone: found, ranked, traced, explained, refused clearly. */
class ToyEncoderFamilyTest {
    @TempDir
    Path tmp;

    private static EncoderFamily dinov2() {
        return Encoders.family("dinov2").orElseThrow();
    }

    @Test
    void theFamiliesOnTheClassPathAreDinov2AndTheToy() {
        List<String> names = Encoders.families().stream().map(EncoderFamily::name).toList();
        assertTrue(names.contains("dinov2"), names.toString());
        assertTrue(names.contains(ToyEncoderFamily.NAME), names.toString());
    }

    @Test
    void aFolderNobodySupportsIsRefusedNamingEachFamilysReason() throws Exception {
        Path empty = tmp.resolve("empty");
        java.nio.file.Files.createDirectories(empty);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(empty).build());
        assertTrue(e.getMessage().contains("dinov2: no .safetensors weights in the folder"), e.getMessage());
        assertTrue(e.getMessage().contains("toy: no " + ToyEncoderFamily.MARKER), e.getMessage());
        assertEquals(empty, e.location());
    }

    @Test
    void theSurestFamilyLoadsAFolderBothCouldRead() throws Exception {
        Path folder = tmp.resolve("both");
        dinov2().writeRandomFolder(folder, "tiny", 3);
        try (Encoder plain = Encoders.builder().folder(folder).build()) {
            assertEquals("dinov2", plain.info().family(), "without the marker only DINOv2 supports it");
        }
        ToyEncoderFamily.mark(folder);
        assertTrue(dinov2().supports(folder).supported(), "DINOv2 still could");
        try (Encoder toy = Encoders.builder().folder(folder).build()) {
            assertEquals(ToyEncoderFamily.NAME, toy.info().family(), "the toy is surer");
        }
        try (Encoder asked = Encoders.builder().folder(folder).family("dinov2").build()) {
            assertEquals("dinov2", asked.info().family(), "a named family overrides the ranking");
        }
    }

    @Test
    void theToyTracesAndPcaRunsOnItsTokens() throws Exception {
        try (Encoder toy = Encoders.builder().family(ToyEncoderFamily.NAME).architecture("any").randomWeights(1).build();
             EncoderSession s = toy.newSession()) {
            ExplainInput in = input();
            ForwardTrace trace = ForwardTrace.record(ExplainContext.of(toy, s), in, TraceNeeds.tokens(), Progress.NONE,
                    CancellationToken.NONE);
            assertEquals(4 * 5, trace.layout().rows() * trace.layout().cols());
            // patch (1, 2)'s token, by hand: its channel means through the fixed projection
            float[] token = java.util.Arrays.copyOfRange(trace.output().patchTokens(0), (5 + 2) * ToyEncoder.DIM,
                    (5 + 3) * ToyEncoder.DIM);
            for (int d = 0; d < ToyEncoder.DIM; d++) {
                double expected = ToyEncoder.bias(d);
                for (int c = 0; c < 3; c++) {
                    expected += patchMean(in.tensor(), c, 1, 2) * ToyEncoder.weight(c, d);
                }
                assertEquals(expected, token[d], 1e-5);
            }
            FeaturePca.Result pca = FeaturePca.compute(trace, FeaturePca.Threshold.NONE);
            assertEquals(20 * 3, pca.components().values().length);
            assertTrue(pca.components().provenance().contains("toy input: as given"), pca.components().provenance());
            Explainer registered = Explainers.load().find("pca").orElseThrow();
            PatchMap viaRegistry = registered.explain(trace, ExplainRequest.defaults(toy.info().layers())).map();
            assertEquals(pca.components().description(), viaRegistry.description());
        }
    }

    @Test
    void askingTheToyForAttentionOrGradientsGivesATypedError() throws Exception {
        try (Encoder toy = Encoders.builder().family(ToyEncoderFamily.NAME).architecture("any").randomWeights(1).build();
             EncoderSession s = toy.newSession()) {
            assertFalse(toy.capabilities().attentions());
            assertFalse(toy.capabilities().gradients());
            ExplainContext ctx = ExplainContext.of(toy, s);
            assertThrows(AttentionsUnavailableException.class, () -> ForwardTrace.record(ctx, input(),
                    TraceNeeds.tokens().withAttentions(Set.of(0)), Progress.NONE, CancellationToken.NONE));
            AttentionsUnavailableException e = assertThrows(AttentionsUnavailableException.class, () ->
                    ForwardTrace.record(ctx, input(), TraceNeeds.tokens().withRollout(RolloutOptions.defaults()),
                            Progress.NONE, CancellationToken.NONE));
            assertTrue(e.getMessage().contains("toy encoder family gives no attention"), e.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> ForwardTrace.record(ctx, input(),
                    TraceNeeds.tokens().withCamInput(), Progress.NONE, CancellationToken.NONE));
            assertThrows(AttentionsUnavailableException.class, () -> s.forward(input().tensor(),
                    org.raylens.inference.encoder.ForwardOptions.defaults().withAttentions(Set.of(0))));
        }
    }

    private static ExplainInput input() {
        SplittableRandom r = new SplittableRandom(5);
        float[] v = new float[3 * 56 * 70];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ExplainInput.ofTensor(new FloatTensor(v, new long[]{1, 3, 56, 70}), 14, "random");
    }

    private static double patchMean(FloatTensor t, int channel, int row, int col) {
        double s = 0;
        for (int y = row * 14; y < (row + 1) * 14; y++) {
            for (int x = col * 14; x < (col + 1) * 14; x++) {
                s += t.data()[(channel * 56 + y) * 70 + x];
            }
        }
        return s / (14 * 14);
    }
}
