package org.raylens.app.cli;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.attribution.AttributionOptions;
import org.raylens.inference.explain.attribution.InputGradientExplainer;
import org.raylens.inference.explain.attribution.IntegrationRule;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.metrics.ImageScorer;
import org.raylens.inference.explain.metrics.Region;
import org.raylens.inference.explain.metrics.Substrate;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code raylens explain}'s faithfulness-metric options ({@code --metrics} and its settings) and the gradient
 * attribution settings (SmoothGrad's samples and noise, Integrated Gradients' steps, rule and baseline), kept out of
 * the command so that it stays about choosing and writing a map. The metrics print after the map and go to
 * {@code <out>.metrics.csv} (metric, value, method, settings, provenance; RFC 4180, written atomically).
 */
public final class ExplainMetricsOptions {

    @Option(names = "--metrics", description = "also compute the map's faithfulness metrics (deletion/insertion AUC,"
            + " ROAD; pointing game and energy share with --metrics-box or --metrics-mask) for the --class output of"
            + " the head (--adapter or --head-weights); prints them and writes OUT.metrics.csv")
    boolean enabled;

    @Option(names = "--metrics-steps", defaultValue = "20", description = "deletion/insertion increments (default 20)")
    int steps;

    @Option(names = "--metrics-substrate", defaultValue = "blur",
            description = "what deletion fills with and insertion starts from: blur (σ 5 px), blur:σ or a value in"
                    + " normalised units (default blur)")
    String substrate;

    @Option(names = "--metrics-box", description = "x0,y0,x1,y1 in source-image pixels: where the finding is")
    String box;

    @Option(names = "--metrics-mask", description = "(H, W) .npy over the source image, non-zero where the finding is")
    Path mask;

    @Option(names = "--metrics-batch", defaultValue = "8", description = "images per forward for the metrics (default 8)")
    int batch;

    @Option(names = "--smoothgrad-samples", defaultValue = "25", description = "SmoothGrad: noisy copies (default 25)")
    int samples;

    @Option(names = "--smoothgrad-sigma", defaultValue = "0.15",
            description = "SmoothGrad: noise σ as a fraction of the input's value range (default 0.15)")
    double sigma;

    @Option(names = "--ig-steps", defaultValue = "50", description = "Integrated Gradients: steps (default 50)")
    int igSteps;

    @Option(names = "--ig-rule", defaultValue = "gausslegendre",
            description = "Integrated Gradients: gausslegendre (default), riemann_left, riemann_right, riemann_middle"
                    + " or riemann_trapezoid")
    String igRule;

    @Option(names = "--ig-baseline", defaultValue = "0",
            description = "Integrated Gradients: constant baseline in normalised units (default 0)")
    float igBaseline;

    @Option(names = "--gradient-batch", defaultValue = "1",
            description = "images per gradient pass for SmoothGrad and Integrated Gradients (default 1: each image's"
                    + " backward keeps about 3 GB for RAD-DINO at 518 px)")
    int gradientBatch;

    public boolean enabled() {
        return enabled;
    }

    /** The registry's method, or the gradient attribution method with these options. */
    Explainer configure(Explainer e) {
        if (!(e instanceof InputGradientExplainer)) {
            return e;
        }
        AttributionOptions o = new AttributionOptions(samples, sigma, 0, igSteps, IntegrationRule.parse(igRule),
                igBaseline, gradientBatch);
        return switch (e.name()) {
            case "saliency" -> new InputGradientExplainer.Saliency(o);
            case "smoothgrad" -> new InputGradientExplainer.SmoothGrad(o);
            case "integrated-gradients" -> new InputGradientExplainer.IntegratedGradients(o);
            default -> e;
        };
    }

    /** The metrics of {@code map}, which explains {@code image}, for output {@code output} of {@code head}. */
    FaithfulnessMetrics.Report evaluate(EncoderSession session, TokenHead head, int output, FloatTensor image,
                                        PatchMap map) throws IOException {
        FaithfulnessMetrics.Options o = new FaithfulnessMetrics.Options(steps, Substrate.parse(substrate),
                FaithfulnessMetrics.Options.defaults().fractions(), 0.01, 0, batch);
        return new FaithfulnessMetrics(ImageScorer.of(session, head, output), o)
                .evaluate(image, map, region(), Progress.NONE, CancellationToken.NONE);
    }

    private Region region() throws IOException {
        if (box != null && mask != null) {
            throw new IllegalArgumentException("give --metrics-box or --metrics-mask, not both");
        }
        if (box != null) {
            String[] p = box.split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException("--metrics-box must be x0,y0,x1,y1, got " + box);
            }
            double[] v = new double[4];
            try {
                for (int i = 0; i < 4; i++) {
                    v[i] = Double.parseDouble(p[i].trim());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--metrics-box must be four numbers, got " + box, e);
            }
            return Region.box(v[0], v[1], v[2], v[3]);
        }
        if (mask != null) {
            FloatTensor m = NpyReader.read(mask);
            if (m.rank() != 2) {
                throw new IllegalArgumentException("--metrics-mask must be an (H, W) array, got " + m);
            }
            boolean[] in = new boolean[m.data().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = m.data()[i] != 0;
            }
            return Region.mask(in, m.dim(1), m.dim(0));
        }
        return null;
    }

    /** Prints the metrics and writes them next to the map. */
    static void report(PrintWriter stdout, Path mapFile, PatchMap map, FaithfulnessMetrics.Report r)
            throws IOException {
        for (String[] row : r.rows()) {
            stdout.printf(Locale.ROOT, "%s: %s%n", row[0], row[1]);
        }
        Path file = mapFile.resolveSibling(mapFile.getFileName() + ".metrics.csv");
        MetricsCsv.write(file, map, r);
        stdout.printf("metrics (%s) written to %s%n", r.settings(), file);
        stdout.flush();
    }
}
