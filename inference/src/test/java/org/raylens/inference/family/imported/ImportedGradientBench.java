package org.raylens.inference.family.imported;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.FeaturePca;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.HeadChoice;
import org.raylens.inference.explain.RolloutOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Time of the gradient methods on the imported tiny CNN (TorchScript) against its plain forward: printed bench
 * lines, no timed asserts. Runs only with {@code -Draylens.bench=true}. Each figure is the median of repeated runs
 * after a warm-up, trace included.
 */
class ImportedGradientBench {
    @TempDir
    Path tmp;

    @Test
    void gradientMethodsAgainstForward() throws Exception {
        assumeTrue(Boolean.getBoolean("raylens.bench"), "bench only with -Draylens.bench=true");
        Path cnn = TinyImportedModels.copy(TinyImportedModels.CNN, tmp);
        FloatTensor x = new FloatTensor(new float[32 * 32], new long[]{1, 1, 32, 32});
        try (Encoder m = Encoders.builder().folder(cnn).family("torchscript").build(); EncoderSession s = m.newSession();
             Adapter head = Adapter.bundled(m).orElseThrow()) {
            double forward = median(() -> s.forward(x, ForwardOptions.defaults(), Progress.NONE,
                    CancellationToken.NONE));
            System.out.printf(Locale.ROOT, "bench imported tiny_cnn forward: %.3f ms%n", forward);
            ExplainRequest req = new ExplainRequest(0, HeadChoice.MEAN, null, RolloutOptions.defaults(),
                    FeaturePca.Threshold.NONE, null, head.head(), 0);
            ExplainInput in = ExplainInput.ofTensor(x, m.info().patchSize(), "zeros");
            for (String method : List.of("gradcam", "saliency", "smoothgrad", "integrated-gradients", "occlusion")) {
                Explainer e = Explainers.load().find(method).orElseThrow();
                double t = median(() -> e.explain(ForwardTrace.record(ExplainContext.of(m, s), in, e.needs(req),
                        Progress.NONE, CancellationToken.NONE), req, Progress.NONE, CancellationToken.NONE));
                System.out.printf(Locale.ROOT, "bench imported tiny_cnn %s: %.3f ms (%.1fx forward)%n", method, t,
                        t / forward);
            }
        }
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] t = new double[9];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }
}
