package org.raylens.app.cli;

import org.raylens.app.analysis.Analysis;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.bench.ExplainBenchmark;
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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code raylens bench explain}: Grad-CAM time as a multiple of a forward pass (goal ≤ 1.5×), attention rollout's
 * cost, and one whole Analyse through the {@link Analysis} pipeline the window and {@code explain} run (goal ≤ 1.6×),
 * for the RAD-DINO geometry with seeded random weights (or a model folder), batch 1.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Time Grad-CAM, attention rollout and one whole Analyse against a forward pass (518 px, batch 1).")
public final class BenchExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--synthetic", description = "seeded random weights of a known geometry instead of --model: rad-dino")
    String synthetic;

    @Option(names = "--size", defaultValue = "518", description = "input height = width in pixels (default 518)")
    int size;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs per mode (median reported)")
    int runs;

    @Option(names = "--methods", split = ",", description = "time these registered methods once each instead"
            + " (e.g. hirescam,scorecam,occlusion,rise): trace + map, against a plain forward")
    List<String> methods;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "with --methods: a method parameter (repeatable); each method takes the ones it knows")
    List<String> parameters = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((modelOptions.model == null) == (synthetic == null)) {
            err.println("error: give exactly one of --model <folder> or --synthetic rad-dino");
            return CliExitCodes.USAGE;
        }
        if (runs < 1 || size < 14) {
            err.println("error: --runs must be >= 1 and --size >= 14");
            return CliExitCodes.USAGE;
        }
        if (methods != null && !methods.isEmpty()) {
            return timeMethods(out, err);
        }
        ExplainBenchmark.Report r;
        if (synthetic != null) {
            if (!synthetic.equalsIgnoreCase("rad-dino")) {
                err.println("error: unknown synthetic model '" + synthetic + "' (known: rad-dino)");
                return CliExitCodes.USAGE;
            }
            TorchEngine.configure(Math.max(modelOptions.threads, 0));
            try (Encoder e = Encoders.builder().family("dinov2").architecture("rad-dino").randomWeights(20240518L)
                    .device(ComputeTarget.cpu()).build()) {
                r = ExplainBenchmark.run(e, size, runs, "synthetic RAD-DINO geometry (" + e.info().architecture()
                        + "), seeded random weights, " + size + "x" + size + ", batch 1, CPU fp32", m -> log(err, m),
                        analyse());
            }
        } else {
            try (Encoder m = modelOptions.load(err)) {
                r = ExplainBenchmark.run(m, size, runs, m.provenance().oneLine() + ", " + size + "x" + size
                        + ", batch 1", msg -> log(err, msg), analyse());
            }
        }
        err.flush();
        out.println(r.format());
        out.flush();
        return CliExitCodes.OK;
    }

    /** --methods: each method once on the synthetic geometry or the model. */
    private int timeMethods(PrintWriter out, PrintWriter err) throws Exception {
        org.raylens.inference.explain.MethodParameters p;
        try {
            p = org.raylens.inference.explain.MethodParameters.parse(parameters);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CliExitCodes.USAGE;
        }
        List<String> lines;
        if (synthetic != null) {
            if (!synthetic.equalsIgnoreCase("rad-dino")) {
                err.println("error: unknown synthetic model '" + synthetic + "' (known: rad-dino)");
                return CliExitCodes.USAGE;
            }
            TorchEngine.configure(Math.max(modelOptions.threads, 0));
            try (Encoder e = Encoders.builder().family("dinov2").architecture("rad-dino").randomWeights(20240518L)
                    .device(ComputeTarget.cpu()).build()) {
                out.println("synthetic RAD-DINO geometry (" + e.info().architecture() + "), seeded random weights, "
                        + size + "x" + size + ", CPU fp32, 14-class linear head on CLS");
                lines = ExplainBenchmark.methods(e, size, methods, p, m -> log(err, m));
            }
        } else {
            try (Encoder m = modelOptions.load(err)) {
                out.println(m.provenance().oneLine() + ", " + size + "x" + size);
                lines = ExplainBenchmark.methods(m, size, methods, p, msg -> log(err, msg));
            }
        }
        lines.forEach(out::println);
        out.flush();
        return CliExitCodes.OK;
    }

    /**
     * The Analyse timed: the window's and the command line's own pipeline, one Analyse (every registered explainer
     * without a head or a point, from one trace) and one Grad-CAM class read from that trace.
     */
    private static ExplainBenchmark.Analyse analyse() {
        Analysis analysis = Analysis.standard();
        return (context, input, head) -> {
            Analysis.Run run = analysis.analyse(context, input, Progress.NONE, CancellationToken.NONE);
            analysis.headMap(run.trace(), "gradcam", head, 0);
        };
    }

    private static void log(PrintWriter err, String msg) {
        err.println("  " + msg);
        err.flush();
    }
}
