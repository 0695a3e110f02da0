package org.raylens.app.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.RolloutOptions;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.toy.ToyEncoderFamily;
import org.raylens.inference.weights.WeightsIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Analyse asks an encoder only for what its family's capabilities say it can give: with the toy family (no
 * attention maps, no gradients) the trace keeps no attention and no CAM start, the methods that need them are
 * skipped and named with the reason, and the rest (PCA, a registered explainer) still read their maps.
 */
class AnalysisCapabilitiesTest {
    @TempDir
    Path dir;

    private static ExplainInput input() {
        SplittableRandom r = new SplittableRandom(9);
        float[] v = new float[3 * 42 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ExplainInput.ofTensor(new FloatTensor(v, new long[]{1, 3, 42, 56}), 14, "random");
    }

    private static Encoder toy() throws Exception {
        return Encoders.builder().family(ToyEncoderFamily.NAME).architecture("any").randomWeights(1).build();
    }

    @Test
    void theNeedsOfEachKindMapToWhatTheModelLacks() {
        EncoderCapabilities none = new EncoderCapabilities(false, List.of());
        EncoderCapabilities all = new EncoderCapabilities(true,
                List.of(new EncoderCapabilities.GradientLayer("norm1", "last block's norm1")), true);
        EncoderCapabilities noInputGradients = new EncoderCapabilities(true, all.gradientLayers());
        assertEquals(Optional.empty(), MethodAvailability.missing(TraceNeeds.tokens(), none));
        assertEquals(Optional.of(MethodAvailability.NO_ATTENTIONS),
                MethodAvailability.missing(TraceNeeds.tokens().withAttentions(Set.of(0)), none));
        assertEquals(Optional.of(MethodAvailability.NO_ATTENTIONS),
                MethodAvailability.missing(TraceNeeds.tokens().withRollout(RolloutOptions.defaults()), none));
        assertEquals(Optional.of(MethodAvailability.NO_GRADIENTS),
                MethodAvailability.missing(TraceNeeds.tokens().withCamInput(), none));
        assertEquals(Map.of(), MethodAvailability.unavailable(Explainers.load(), all, 2));
        // occlusion and RISE need only forwards: every family gives them
        assertEquals(List.of("attention", "rollout", "point", "gradcam", "gradcam++", "hirescam", "xgradcam",
                        "layercam", "eigencam", "scorecam", "ablationcam", "saliency", "smoothgrad",
                        "integrated-gradients"),
                List.copyOf(MethodAvailability.unavailable(Explainers.load(), none, 2).keySet()));
        assertEquals(Optional.of(MethodAvailability.NO_INPUT_GRADIENTS),
                MethodAvailability.missing(TraceNeeds.tokens().withInputGradients(), noInputGradients));
        assertEquals(Map.of("saliency", MethodAvailability.NO_INPUT_GRADIENTS, "smoothgrad",
                        MethodAvailability.NO_INPUT_GRADIENTS, "integrated-gradients", MethodAvailability.NO_INPUT_GRADIENTS),
                MethodAvailability.unavailable(Explainers.load(), noInputGradients, 2));
    }

    @Test
    void anAnalyseOfTheToySkipsWhatNeedsAttentionsOrGradientsAndAsksForNeither() throws Exception {
        List<TraceNeeds> asked = new ArrayList<>();
        Analysis analysis = new Analysis(Explainers.load(), (ctx, in, needs, p, c) -> {
            asked.add(needs);
            return ForwardTrace.record(ctx, in, needs, p, c);
        });
        try (Encoder toy = toy(); EncoderSession s = toy.newSession()) {
            Analysis.Run run = analysis.analyse(ExplainContext.of(toy, s), input(), Progress.NONE,
                    CancellationToken.NONE);
            assertEquals(1, asked.size());
            assertEquals(Set.of(), asked.get(0).attentionLayers());
            assertTrue(asked.get(0).rollout().isEmpty());
            assertFalse(asked.get(0).camInput());
            assertEquals(Map.of("attention", MethodAvailability.NO_ATTENTIONS,
                    "rollout", MethodAvailability.NO_ATTENTIONS), run.skipped());
            assertEquals(List.of("pca", "toy-norm"), List.copyOf(run.maps().keySet()));
        }
    }

    @Test
    void askingTheToyForAttentionIsRefusedBeforeTheForward() throws Exception {
        List<TraceNeeds> asked = new ArrayList<>();
        Analysis analysis = new Analysis(Explainers.load(), (ctx, in, needs, p, c) -> {
            asked.add(needs);
            return ForwardTrace.record(ctx, in, needs, p, c);
        });
        try (Encoder toy = toy(); EncoderSession s = toy.newSession()) {
            MethodUnavailableException e = assertThrows(MethodUnavailableException.class, () -> analysis.run(
                    ExplainContext.of(toy, s), input(), List.of(analysis.method("attention")),
                    ExplainRequest.defaults(1), TraceNeeds.tokens(), Progress.NONE, CancellationToken.NONE));
            assertEquals("attention: this model gives no attention maps", e.getMessage());
            assertEquals(List.of(), asked, "no forward ran");
        }
    }

    @Test
    void theWindowsServiceAnalysesAToyFolderAndRefusesGradCamInWords() throws Exception {
        Path model = dir.resolve("toy");
        ToyEncoderFamily.mark(model);
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")))) {
            AnalysisResult r = service.analyse(new FakeImage(120, 90, 0), new EncoderChoice.Imported(model, "toy"),
                    ComputeTarget.cpu(), Progress.NONE, () -> false);
            assertFalse(r.attention().available());
            assertTrue(r.map("pca").isPresent());
            assertEquals(Optional.of(MethodAvailability.NO_GRADIENTS), r.unavailable("gradcam"));
            assertEquals(Optional.of(MethodAvailability.NO_ATTENTIONS), r.unavailable("point"));
            assertEquals(Optional.empty(), r.unavailable("pca"));
            IllegalArgumentException noMap = assertThrows(IllegalArgumentException.class,
                    () -> r.attention().cls(0, AttentionByLayer.MEAN));
            assertEquals(MethodAvailability.NO_ATTENTIONS, noMap.getMessage());
            MethodUnavailableException cam = assertThrows(MethodUnavailableException.class,
                    () -> service.gradCam(r, "any"));
            assertEquals("gradcam: this model gives no gradients (no Grad-CAM)", cam.getMessage());
        }
    }
}
