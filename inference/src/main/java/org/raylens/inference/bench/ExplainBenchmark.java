package org.raylens.inference.bench;

import org.raylens.inference.encoder.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderPredictor;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.ForwardProgress;
import org.raylens.inference.explain.AttentionRollout;
import org.raylens.inference.explain.CamLayer;
import org.raylens.inference.explain.CamPipeline;
import org.raylens.inference.explain.CamWeighting;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.LinearClsHead;
import org.raylens.inference.explain.RolloutOptions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What explanations cost against a forward pass, batch 1: Grad-CAM (norm1 target, a 14-class linear head on CLS)
 * as a multiple of a plain forward, and attention rollout (all layers, mean fusion) in ms and as a multiple of a
 * forward that keeps every layer's attention maps. The modes are interleaved run by run, so slow drift of a shared
 * machine hits them alike; medians are reported.
 */
public final class ExplainBenchmark {
    /** Figures of one run (medians, ms). */
    public record Report(double forwardMs, double forwardAllAttentionMs, double gradCamMs, double gradCamPlusPlusMs,
                         double rolloutMs, int runs, String description) {
        public String format() {
            return String.format(Locale.ROOT, "%s%n"
                            + "plain forward:                        median %.0f ms%n"
                            + "forward keeping all attention maps:   median %.0f ms (%.2fx forward)%n"
                            + "Grad-CAM (norm1, linear head on CLS): median %.0f ms = %.2fx forward (goal <= 1.5x)%n"
                            + "Grad-CAM++ (same):                    median %.0f ms = %.2fx forward%n"
                            + "attention rollout (mean fusion):      median %.0f ms = %.2fx forward with all attentions, %.2fx plain forward%n"
                            + "(%d interleaved runs per mode)",
                    description, forwardMs, forwardAllAttentionMs, forwardAllAttentionMs / forwardMs, gradCamMs,
                    gradCamMs / forwardMs, gradCamPlusPlusMs, gradCamPlusPlusMs / forwardMs, rolloutMs,
                    rolloutMs / forwardAllAttentionMs, rolloutMs / forwardMs, runs);
        }
    }

    private ExplainBenchmark() {
    }

    public static Report run(Dinov2Encoder encoder, int size, int runs, String description, Consumer<String> progress) {
        int c = encoder.config().numChannels();
        int d = encoder.config().hiddenSize();
        SplittableRandom r = new SplittableRandom(7);
        float[] data = new float[c * size * size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextDouble() * 4 - 2);
        }
        FloatTensor x = new FloatTensor(data, new long[]{1, c, size, size});
        float[] w = new float[14 * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.05 * r.nextGaussian());
        }
        LinearClsHead head = new LinearClsHead(w, new float[14], 14, List.of());
        var all = IntStream.range(0, encoder.config().numLayers()).boxed().collect(Collectors.toSet());
        try (EncoderPredictor p = encoder.newPredictor()) {
            ExplainContext ctx = ExplainContext.of(p);
            ExplainInput in = ExplainInput.ofTensor(x, encoder.config().patchSize(), "benchmark input");
            CamPipeline cam = new CamPipeline(ctx, CamLayer.NORM1, CamWeighting.GRAD_CAM);
            CamPipeline campp = new CamPipeline(ctx, CamLayer.NORM1, CamWeighting.GRAD_CAM_PLUS_PLUS);
            AttentionRollout rollout = new AttentionRollout(ctx);
            List<Runnable> modes = List.of(
                    () -> p.forward(x, ForwardOptions.defaults()),
                    () -> p.forward(x, ForwardOptions.defaults().withAttentions(all)),
                    () -> cam.explain(in, head, 0, ForwardProgress.NONE),
                    () -> campp.explain(in, head, 0, ForwardProgress.NONE),
                    () -> rollout.compute(in, RolloutOptions.defaults(), ForwardProgress.NONE));
            String[] names = {"forward", "forward + all attentions", "Grad-CAM", "Grad-CAM++", "rollout"};
            progress.accept("warm-up");
            for (Runnable m : modes) {
                m.run();
            }
            double[][] ms = new double[modes.size()][runs];
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < modes.size(); k++) {
                    long t0 = System.nanoTime();
                    modes.get(k).run();
                    ms[k][i] = (System.nanoTime() - t0) / 1e6;
                    progress.accept(String.format(Locale.ROOT, "run %d/%d %s: %.0f ms", i + 1, runs, names[k], ms[k][i]));
                }
            }
            double[] med = new double[modes.size()];
            for (int k = 0; k < modes.size(); k++) {
                Arrays.sort(ms[k]);
                med[k] = ms[k][runs / 2];
            }
            return new Report(med[0], med[1], med[2], med[3], med[4], runs, description);
        }
    }
}
