package org.raylens.inference.bench;

import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;

import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.explain.AttentionRollout;
import org.raylens.inference.explain.CamPipeline;
import org.raylens.inference.explain.CamWeighting;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.RolloutOptions;
import org.raylens.inference.head.TokenHead;

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
 * forward that keeps every layer's attention maps, and one whole Analyse run by the caller's pipeline (the application's,
 * which this module cannot see) against a plain forward. The modes are interleaved run by run, so slow drift of a shared
 * machine hits them alike; medians are reported.
 */
public final class ExplainBenchmark {
    /** Figures of one run (medians, ms). */
    public record Report(double forwardMs, double forwardAllAttentionMs, double gradCamMs, double gradCamPlusPlusMs,
                         double rolloutMs, double rolloutArithmeticMs, double analyseMs, int runs, String description,
                         double[] cpuMs) {
        public Report {
            cpuMs = cpuMs.clone();
        }

        public String format() {
            return wallFormat() + String.format(Locale.ROOT, "%nprocess CPU time (robust on a shared machine with --threads 1): "
                            + "forward %.0f ms; all attentions %.2fx; Grad-CAM %.2fx; Grad-CAM++ %.2fx; rollout %.2fx of the "
                            + "all-attention forward; Analyse %.2fx", cpuMs[0], cpuMs[1] / cpuMs[0], cpuMs[2] / cpuMs[0],
                    cpuMs[3] / cpuMs[0], cpuMs[4] / cpuMs[1], cpuMs[5] / cpuMs[0]);
        }

        private String wallFormat() {
            return String.format(Locale.ROOT, "%s%n"
                            + "plain forward:                        median %.0f ms%n"
                            + "forward keeping all attention maps:   median %.0f ms (%.2fx forward)%n"
                            + "Grad-CAM (norm1, linear head on CLS): median %.0f ms = %.2fx forward (goal <= 1.5x)%n"
                            + "Grad-CAM++ (same):                    median %.0f ms = %.2fx forward%n"
                            + "attention rollout (mean fusion):      median %.0f ms = %.2fx forward with all attentions, %.2fx plain forward%n"
                            + "rollout arithmetic alone (fuse, residual, row product on kept maps): median %.0f ms%n"
                            + "Analyse (one forward: attention + rollout + PCA + one Grad-CAM class): median %.0f ms = %.2fx forward (goal <= 1.6x)%n"
                            + "(%d interleaved runs per mode)",
                    description, forwardMs, forwardAllAttentionMs, forwardAllAttentionMs / forwardMs, gradCamMs,
                    gradCamMs / forwardMs, gradCamPlusPlusMs, gradCamPlusPlusMs / forwardMs, rolloutMs,
                    rolloutMs / forwardAllAttentionMs, rolloutMs / forwardMs, rolloutArithmeticMs, analyseMs,
                    analyseMs / forwardMs, runs);
        }
    }

    /**
     * One whole Analyse of one image (attention, rollout, PCA and one Grad-CAM class of {@code head}): the caller's
     * analysis pipeline, so the figure is what the window and the command line run, not a copy of it.
     */
    @FunctionalInterface
    public interface Analyse {
        void run(ExplainContext context, ExplainInput input, TokenHead head);
    }

    private ExplainBenchmark() {
    }

    /**
     * Each named method's time on one image, once (perturbation methods run hundreds of forwards): its trace, then
     * its map with {@code parameters} (each method gets the ones it takes), against the median of three plain
     * forwards, with the same 14-class linear head on CLS as {@link #run}.
     *
     * @return one line per method, and a first line with the forward's time
     */
    public static List<String> methods(Encoder encoder, int size, List<String> names,
                                       org.raylens.inference.explain.MethodParameters parameters,
                                       Consumer<String> progress) {
        var registry = org.raylens.inference.explain.Explainers.load();
        List<org.raylens.inference.explain.Explainer> chosen = new java.util.ArrayList<>();
        for (String n : names) {
            chosen.add(registry.find(n).orElseThrow(() -> new IllegalArgumentException("no method '" + n
                    + "'; registered: " + registry.names())));
        }
        EncoderInfo info = encoder.info();
        SplittableRandom r = new SplittableRandom(7);
        float[] data = new float[info.channels() * size * size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextDouble() * 4 - 2);
        }
        FloatTensor x = new FloatTensor(data, new long[]{1, info.channels(), size, size});
        float[] w = new float[14 * info.hiddenSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.05 * r.nextGaussian());
        }
        EncoderIdentity identity = new EncoderIdentity("benchmark encoder", info.hiddenSize(), info.patchSize(),
                info.registers(), EncoderIdentity.NOT_COMPUTED);
        List<String> lines = new java.util.ArrayList<>();
        try (Adapter probe = Adapter.linearProbe().setEncoder(identity).setWeights(w, new float[14]).build();
             EncoderSession p = encoder.newSession()) {
            ExplainContext ctx = ExplainContext.of(encoder, p);
            ExplainInput in = ExplainInput.ofTensor(x, info.patchSize(), "benchmark input");
            double[] f = new double[3];
            p.forward(x, ForwardOptions.defaults());
            for (int i = 0; i < f.length; i++) {
                long t0 = System.nanoTime();
                p.forward(x, ForwardOptions.defaults());
                f[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(f);
            double forward = f[1];
            lines.add(String.format(Locale.ROOT, "plain forward: median %.0f ms (%dx%d, batch 1)", forward, size, size));
            for (var e : chosen) {
                java.util.Map<String, String> own = new java.util.LinkedHashMap<>();
                for (var spec : e.parameters()) {
                    String v = parameters.values().get(spec.name());
                    if (v != null) {
                        own.put(spec.name(), v);
                    }
                }
                var mp = new org.raylens.inference.explain.MethodParameters(own);
                var request = org.raylens.inference.explain.ExplainRequest.defaults(info.layers());
                request = new org.raylens.inference.explain.ExplainRequest(request.layer(), request.heads(),
                        e.needsPoint() ? new double[]{size / 2.0, size / 2.0} : null, request.rollout(), request.mask(),
                        null, e.needsHead() ? probe.head() : null, 0, mp);
                int[] tenth = {-1};
                Progress log = (done, total, msg) -> {
                    int t = (int) (10 * done / Math.max(1, total));
                    if (t != tenth[0]) {
                        tenth[0] = t;
                        progress.accept(e.name() + ": " + msg);
                    }
                };
                long t0 = System.nanoTime();
                var trace = org.raylens.inference.explain.ForwardTrace.record(ctx, in, e.needs(request), Progress.NONE,
                        CancellationToken.NONE);
                long t1 = System.nanoTime();
                e.explain(trace, request, log, CancellationToken.NONE);
                long t2 = System.nanoTime();
                double traceMs = (t1 - t0) / 1e6;
                double methodMs = (t2 - t1) / 1e6;
                String line = String.format(Locale.ROOT, "%-12s trace %7.0f ms + map %9.0f ms = %9.0f ms = %7.1fx forward%s",
                        e.name(), traceMs, methodMs, traceMs + methodMs, (traceMs + methodMs) / forward,
                        mp.values().isEmpty() ? "" : " (" + mp.describe() + ")");
                progress.accept(line);
                lines.add(line);
            }
        }
        return lines;
    }

    /** CPU time of the whole process (all libtorch threads), or wall-clock-free 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    /** @param analyse the application's analysis pipeline, which the "Analyse" mode times */
    public static Report run(Encoder encoder, int size, int runs, String description, Consumer<String> progress,
                             Analyse analyse) {
        java.util.Objects.requireNonNull(analyse, "analyse");
        EncoderInfo info = encoder.info();
        int c = info.channels();
        int d = info.hiddenSize();
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
        var all = IntStream.range(0, info.layers()).boxed().collect(Collectors.toSet());
        EncoderIdentity identity = new EncoderIdentity("benchmark encoder", d, info.patchSize(), info.registers(),
                EncoderIdentity.NOT_COMPUTED);
        try (Adapter probe = Adapter.linearProbe().setEncoder(identity).setWeights(w, new float[14]).build();
             EncoderSession p = encoder.newSession()) {
            TokenHead head = probe.head();
            ExplainContext ctx = ExplainContext.of(encoder, p);
            ExplainInput in = ExplainInput.ofTensor(x, info.patchSize(), "benchmark input");
            CamPipeline cam = new CamPipeline(ctx, null, CamWeighting.GRAD_CAM);
            CamPipeline campp = new CamPipeline(ctx, null, CamWeighting.GRAD_CAM_PLUS_PLUS);
            AttentionRollout rollout = new AttentionRollout(ctx);
            List<Runnable> modes = List.of(
                    () -> p.forward(x, ForwardOptions.defaults()),
                    () -> p.forward(x, ForwardOptions.defaults().withAttentions(all)),
                    () -> cam.explain(in, head, 0, Progress.NONE, CancellationToken.NONE),
                    () -> campp.explain(in, head, 0, Progress.NONE, CancellationToken.NONE),
                    () -> rollout.compute(in, RolloutOptions.defaults(), Progress.NONE, CancellationToken.NONE),
                    () -> analyse.run(ctx, in, head));
            String[] names = {"forward", "forward + all attentions", "Grad-CAM", "Grad-CAM++", "rollout", "Analyse"};
            progress.accept("warm-up");
            for (Runnable m : modes) {
                m.run();
            }
            double[][] ms = new double[modes.size()][runs];
            double[][] cpu = new double[modes.size()][runs];
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < modes.size(); k++) {
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    modes.get(k).run();
                    ms[k][i] = (System.nanoTime() - t0) / 1e6;
                    cpu[k][i] = (processCpuNanos() - c0) / 1e6;
                    progress.accept(String.format(Locale.ROOT, "run %d/%d %s: %.0f ms wall, %.0f ms CPU", i + 1, runs,
                            names[k], ms[k][i], cpu[k][i]));
                }
            }
            // the rollout arithmetic alone, on maps a forward already kept
            var kept = p.forward(x, ForwardOptions.defaults().withAttentions(all));
            List<float[]> probs = new java.util.ArrayList<>();
            for (int l = 0; l < info.layers(); l++) {
                probs.add(kept.attentions().get(l).data());
            }
            double[] arithmetic = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                AttentionRollout.clsRow(probs, info.heads(), kept.layout().numTokens(),
                        RolloutOptions.defaults());
                arithmetic[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(arithmetic);
            double[] med = new double[modes.size()];
            double[] medCpu = new double[modes.size()];
            for (int k = 0; k < modes.size(); k++) {
                Arrays.sort(ms[k]);
                Arrays.sort(cpu[k]);
                med[k] = ms[k][runs / 2];
                medCpu[k] = cpu[k][runs / 2];
            }
            return new Report(med[0], med[1], med[2], med[3], med[4], arithmetic[runs / 2], med[5], runs, description,
                    medCpu);
        }
    }
}
