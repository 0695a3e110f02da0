package org.raylens.app.cli;

import org.raylens.inference.bench.EncoderBenchmark;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code raylens bench encoder}: median ms per image at 518 px batch 1, achieved GFLOP/s, a 2048³ GEMM rate measured
 * in the same run, their ratio, the same with all-layer attention maps kept, and peak RSS.
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
            try (Encoder e = Encoders.builder().family(family).architecture(synthetic.toLowerCase(java.util.Locale.ROOT))
                    .randomWeights(20240518L).device(ComputeTarget.cpu()).build()) {
                report(out, err, EncoderBenchmark.run(e, s, "synthetic " + synthetic + " geometry ("
                        + e.info().architecture() + "), seeded random weights, " + size + "x" + size + ", batch 1, CPU fp32",
                        msg -> log(err, msg)));
            } catch (UnsupportedOperationException ex) {
                err.println("error: " + ex.getMessage());
                return 2;
            }
        } else {
            try (Encoder m = modelOptions.load(err)) {
                report(out, err, EncoderBenchmark.run(m, s, m.provenance().oneLine() + ", " + size + "x" + size
                        + ", batch 1", msg -> log(err, msg)));
            }
        }
        return 0;
    }

    private static void log(PrintWriter err, String msg) {
        err.println("  " + msg);
        err.flush();
    }

    private static void report(PrintWriter out, PrintWriter err, EncoderBenchmark.Report r) {
        err.flush();
        out.println(r.format());
        out.flush();
    }
}
