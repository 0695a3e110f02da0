package org.raylens.inference.bench;

import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.kernel.CpuFeatures;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TraceRequest;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Times an encoder at a given input size, batch 1: median ms per image without and with all-layer attention maps
 * kept, and with only the CLS row of every layer kept (what the layer chooser reads), achieved GFLOP/s from {@link FlopCount}, and a 2048³ GEMM rate measured immediately before, so the
 * ratio is meaningful on a loaded machine. Peak RSS is the process's VmHWM at the end. A bf16 encoder is timed the
 * same way against a bf16 GEMM (through RayLens's kernel), and {@link #format(Report, Report, CpuFeatures)} prints
 * both side by side.
 */
public final class EncoderBenchmark {
    /** Benchmark settings: input size, timed runs per mode, GEMM size and runs. */
    public record Settings(int size, int runs, int gemmSize, int gemmRuns) {
        public static Settings defaults() {
            return new Settings(518, 5, 2048, 5);
        }
    }

    /**
     * Figures of one benchmark run. The *CpuMs are the process's CPU time per forward (all threads): on a machine
     * shared with other work they show the cost of a forward where the wall time shows the wait.
     */
    public record Report(double gemmGflops, double flopsPerImage, double medianMs, double medianMsWithAttention,
                         double pairedRatio, double pairedRatioWithAttention, long peakRssBytes, int threads,
                         String description, double gemmSpread, long peakRssBeforeAttentionBytes,
                         double medianMsClsRows, double cpuMs, double cpuMsWithAttention, double cpuMsClsRows,
                         CpuFeatures cpu, int gemmSize) {
        public double gflops() {
            return flopsPerImage / (medianMs / 1e3) / 1e9;
        }

        public double ratio() {
            return gflops() / gemmGflops;
        }

        public double gflopsWithAttention() {
            return flopsPerImage / (medianMsWithAttention / 1e3) / 1e9;
        }

        /** The report of a float32 run alone (the bf16 line says it was not measured, or not supported). */
        public String format() {
            return EncoderBenchmark.format(this, null, cpu);
        }

        /** Everything but the two summary lines. */
        String details() {
            return String.format(java.util.Locale.ROOT, "CPU: %s%n", cpu.describe())
                    + String.format(java.util.Locale.ROOT,
                    "fp32 forward with the CLS attention row of every layer kept (trace): median %.0f ms/image (%.2fx)%n"
                            + "CPU time per forward (all threads): %.0f ms plain, %.0f ms with all-layer maps, %.0f ms"
                            + " with CLS rows%n", medianMsClsRows, medianMsClsRows / medianMs, cpuMs, cpuMsWithAttention,
                    cpuMsClsRows)
                    + String.format(java.util.Locale.ROOT,
                    "%s%n"
                            + "GEMM %d^3 (libtorch, measured just before): %.1f GFLOP/s%n"
                            + "encoder forward, batch 1: median %.0f ms/image, %.1f GFLOP/image -> %.1f GFLOP/s = %.1f %% of GEMM%n"
                            + "with all-layer attention maps kept: median %.0f ms/image (%.2fx), %.1f GFLOP/s = %.1f %% of GEMM%n"
                            + "median of per-run ratios (each forward against a GEMM timed just before it): %.1f %%, "
                            + "with attention maps %.1f %%%n"
                            + "peak RSS (VmHWM): %.0f MB before the attention-map runs, %.0f MB at the end; "
                            + "intra-op threads: %d, OMP_WAIT_POLICY=%s%s",
                    description, gemmSize, gemmGflops, medianMs, flopsPerImage / 1e9, gflops(), 100 * ratio(),
                    medianMsWithAttention, medianMsWithAttention / medianMs, gflopsWithAttention(),
                    100 * gflopsWithAttention() / gemmGflops, 100 * pairedRatio, 100 * pairedRatioWithAttention,
                    peakRssBeforeAttentionBytes / 1e6, peakRssBytes / 1e6, threads,
                    java.util.Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "(unset)"), gemmSpread > 1.2 ? String.format(java.util.Locale.ROOT,
                            "%nWARNING: the GEMM rate varied %.1fx between probes: the machine was busy and these figures"
                                    + " are unreliable; run again when it is quiet", gemmSpread) : "");
        }
    }

    private EncoderBenchmark() {
    }

    /**
     * The float32 report with the bf16 one beside it; the first two lines ({@code fp32 forward: median N ms/image}
     * and {@code bf16 forward: median N ms/image}, or {@code bf16 forward: not supported on this CPU}) are read by
     * scripts and keep their form. Where bf16 is not native but was run anyway, its figures follow, marked emulated.
     *
     * @param bf16 the bf16 run, or null where none was made
     */
    public static String format(Report fp32, Report bf16, CpuFeatures cpu) {
        java.util.Locale r = java.util.Locale.ROOT;
        String summary;
        if (!cpu.nativeBf16()) {
            summary = "bf16 forward: not supported on this CPU";
        } else if (bf16 == null) {
            summary = "bf16 forward: not measured (run with --precision bf16 or on a CPU with native bf16)";
        } else {
            summary = String.format(r, "bf16 forward: median %.0f ms/image", bf16.medianMs());
        }
        StringBuilder b = new StringBuilder(String.format(r, "fp32 forward: median %.0f ms/image%n%s%n", fp32.medianMs(),
                summary));
        b.append(fp32.details());
        if (bf16 != null) {
            b.append(String.format(r, "%n%nbf16 fast mode%s (linears and attention in bf16 inside RayLens's kernel):%n%s%n"
                            + "GEMM bf16 (same size, through the kernel, measured just before): %.1f GFLOP/s = %.2fx the fp32 GEMM%n"
                            + "bf16 forward: median %.0f ms/image = %.2fx the fp32 speed (goal: at least 2.5x); %.1f GFLOP/s ="
                            + " %.1f %% of the bf16 GEMM%n"
                            + "bf16 with all-layer attention maps kept: median %.0f ms/image (%.2fx its plain forward);"
                            + " with the CLS row of every layer: %.0f ms/image (%.2fx)%n"
                            + "CPU time per bf16 forward: %.0f ms plain, %.0f ms with all-layer maps; peak RSS at the"
                            + " end: %.0f MB",
                    cpu.nativeBf16() ? "" : " (EMULATED: this CPU has no native bf16, so these figures say nothing"
                            + " about the speed on AMX/AVX-512-BF16)", bf16.description(),
                    bf16.gemmGflops(), bf16.gemmGflops() / fp32.gemmGflops(), bf16.medianMs(),
                    fp32.medianMs() / bf16.medianMs(), bf16.gflops(), 100 * bf16.ratio(), bf16.medianMsWithAttention(),
                    bf16.medianMsWithAttention() / bf16.medianMs(), bf16.medianMsClsRows(),
                    bf16.medianMsClsRows() / bf16.medianMs(), bf16.cpuMs(), bf16.cpuMsWithAttention(),
                    bf16.peakRssBytes() / 1e6));
        }
        return b.toString();
    }

    /** Times a float32 encoder against a float32 GEMM. */
    public static Report run(Encoder encoder, Settings s, String description, Consumer<String> progress) {
        return run(encoder, s, description, progress, false);
    }

    /** Times an encoder against a GEMM of its own precision ({@code bf16}: through the kernel). */
    public static Report run(Encoder encoder, Settings s, String description, Consumer<String> progress, boolean bf16) {
        int c = encoder.info().channels();
        float[] data = new float[c * s.size() * s.size()];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextDouble() * 4 - 2);
        }
        FloatTensor input = new FloatTensor(data, new long[]{1, c, s.size(), s.size()});
        double flops = FlopCount.perImage(encoder.info(), s.size(), s.size());
        var all = IntStream.range(0, encoder.info().layers()).boxed().collect(Collectors.toSet());
        try (EncoderSession p = encoder.newSession();
             GemmProbe gemm = bf16 ? GemmProbe.bf16(s.gemmSize()) : new GemmProbe(s.gemmSize())) {
            progress.accept("warm-up forward");
            p.forward(input, ForwardOptions.defaults());
            progress.accept("GEMM " + s.gemmSize() + "^3 x " + s.gemmRuns());
            double gemmRate = gemm.median(s.gemmRuns());
            double[] spread = {gemmRate, gemmRate};
            double[] plain = timed(p, gemm, input, ForwardOptions.defaults(), s.runs(), flops, progress, "forward", spread);
            long rssPlain = ProcessMemory.peakRss().orElse(-1);
            TraceRequest clsRows = new TraceRequest(PositionEmbeddingInterpolation.HF, Set.of(), Optional.empty(), false,
                    all, new TreeSet<>(Set.of(0)));
            double[] rows = timed(gemm, () -> p.trace(input, clsRows, Progress.NONE, CancellationToken.NONE), s.runs(),
                    flops, progress, "forward + CLS rows", spread);
            double[] withAttn = timed(p, gemm, input, ForwardOptions.defaults().withAttentions(all), s.runs(), flops,
                    progress, "forward + attention maps", spread);
            return new Report(gemmRate, flops, plain[0], withAttn[0], plain[1], withAttn[1],
                    ProcessMemory.peakRss().orElse(-1), ai.djl.pytorch.jni.JniUtils.getNumThreads(), description,
                    spread[1] / spread[0], rssPlain, rows[0], plain[2], withAttn[2], rows[2], CpuFeatures.detect(),
                    s.gemmSize());
        }
    }

    /**
     * Times {@code runs} forwards, each right after one GEMM probe; returns {median ms, median of the per-pair ratios
     * forward GFLOP/s ÷ GEMM GFLOP/s}. Pairing cancels most of the drift of a machine shared with other work.
     */
    private static double[] timed(EncoderSession p, GemmProbe gemm, FloatTensor input, ForwardOptions o, int runs,
                                  double flops, Consumer<String> progress, String label, double[] gemmMinMax) {
        return timed(gemm, () -> p.forward(input, o), runs, flops, progress, label, gemmMinMax);
    }

    /** As above for any pass; returns {median ms, median ratio, median process CPU ms}. */
    private static double[] timed(GemmProbe gemm, Runnable pass, int runs, double flops, Consumer<String> progress,
                                  String label, double[] gemmMinMax) {
        double[] ms = new double[runs];
        double[] ratio = new double[runs];
        double[] cpuMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            double g = gemm.once();
            gemmMinMax[0] = Math.min(gemmMinMax[0], g);
            gemmMinMax[1] = Math.max(gemmMinMax[1], g);
            long c0 = ProcessCpu.nanos();
            long t0 = System.nanoTime();
            pass.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = (ProcessCpu.nanos() - c0) / 1e6;
            ratio[i] = flops / (ms[i] / 1e3) / 1e9 / g;
            progress.accept(String.format(java.util.Locale.ROOT, "%s %d/%d: %.0f ms (GEMM just before: %.1f GFLOP/s, ratio %.1f %%)",
                    label, i + 1, runs, ms[i], g, 100 * ratio[i]));
        }
        Arrays.sort(ms);
        Arrays.sort(ratio);
        Arrays.sort(cpuMs);
        return new double[]{ms[runs / 2], ratio[runs / 2], cpuMs[runs / 2]};
    }
}
