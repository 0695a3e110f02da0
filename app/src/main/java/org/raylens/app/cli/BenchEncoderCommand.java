package org.raylens.app.cli;

import org.raylens.inference.bench.EncoderBenchmark;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.kernel.CpuFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code raylens bench encoder}: median ms per image at 518 px batch 1, achieved GFLOP/s, a 2048³ GEMM rate measured
 * in the same run, their ratio, the same with all-layer attention maps kept, and peak RSS; then the same for the bf16
 * fast mode against a bf16 GEMM, where the CPU has native bf16 or {@code --precision bf16} asks for it (emulated
 * bf16 is measured only when asked, and marked so).
 */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = "Time the encoder (518 px, batch 1) against a libtorch GEMM measured in the same run.")
public final class BenchEncoderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--synthetic", description = "seeded random weights of a known geometry instead of --model: rad-dino,"
            + " or an EVA-X size: evax-tiny, evax-small, evax-base")
    String synthetic;

    @Option(names = "--size", defaultValue = "518", description = "input height = width in pixels (default 518)")
    int size;

    @Option(names = "--runs", defaultValue = "5", description = "timed forwards per mode (median reported)")
    int runs;

    @Option(names = "--gemm-size", defaultValue = "2048", description = "GEMM probe size n (n x n x n)")
    int gemmSize;

    private final CpuFeatures cpu = CpuFeatures.detect();

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, this::run);
    }

    private Integer run() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((modelOptions.model == null) == (synthetic == null)) {
            err.println("error: give exactly one of --model <folder> or --synthetic rad-dino|evax-base");
            return 2;
        }
        if (runs < 1 || size < 14) {
            err.println("error: --runs must be >= 1 and --size >= 14");
            return 2;
        }
        EncoderBenchmark.Settings s = new EncoderBenchmark.Settings(size, runs, gemmSize, 5);
        if (synthetic != null) {
            String family = synthetic.equalsIgnoreCase("rad-dino") ? "dinov2"
                    : synthetic.toLowerCase(java.util.Locale.ROOT).startsWith("evax-") ? "evax" : null;
            if (family == null) {
                err.println("error: unknown synthetic model '" + synthetic + "' (known: rad-dino, evax-tiny, evax-small,"
                        + " evax-base)");
                return 2;
            }
            TorchEngine.configure(Math.max(modelOptions.threads, 0));
            String arch = synthetic.toLowerCase(java.util.Locale.ROOT);
            EncoderSource source = p -> Encoders.builder().family(family).architecture(arch).randomWeights(20240518L)
                    .device(ComputeTarget.cpu(p, cpu)).build();
            try {
                return compare(out, err, s, source, e -> "synthetic " + synthetic + " geometry ("
                        + e.info().architecture() + "), seeded random weights, " + size + "x" + size + ", batch 1, "
                        + e.target().message());
            } catch (UnsupportedOperationException ex) {
                err.println("error: " + ex.getMessage());
                return 2;
            }
        }
        return compare(out, err, s, p -> modelOptions.load(err, p),
                m -> m.provenance().oneLine() + ", " + size + "x" + size + ", batch 1");
    }

    /** Loads the encoder under test in a given precision. */
    @FunctionalInterface
    private interface EncoderSource {
        Encoder load(Precision precision) throws java.io.IOException;
    }

    /** fp32, then bf16 where the CPU multiplies bf16 natively or --precision bf16 asks for it; one encoder at a time. */
    private int compare(PrintWriter out, PrintWriter err, EncoderBenchmark.Settings s, EncoderSource source,
                        java.util.function.Function<Encoder, String> describe) throws java.io.IOException {
        EncoderBenchmark.Report fp32;
        try (Encoder e = source.load(Precision.FP32)) {
            fp32 = EncoderBenchmark.run(e, s, describe.apply(e), msg -> log(err, msg));
        }
        EncoderBenchmark.Report bf16 = null;
        boolean wanted = modelOptions.precision == Precision.BF16;
        if (cpu.nativeBf16() || wanted) {
            if (!cpu.nativeBf16()) {
                err.println("warning: measuring bf16 although " + ComputeTarget.bf16Warning(cpu));
            }
            try (Encoder e = source.load(Precision.BF16)) {
                if (e.target().precision() == Precision.BF16) {
                    bf16 = EncoderBenchmark.run(e, s, describe.apply(e), msg -> log(err, msg), true);
                } else {
                    err.println("note: no bf16 run: " + e.target().message());
                }
            }
        }
        err.flush();
        out.println(EncoderBenchmark.format(fp32, bf16, cpu));
        out.flush();
        return 0;
    }

    private static void log(PrintWriter err, String msg) {
        err.println("  " + msg);
        err.flush();
    }

}
