package org.raylens.inference.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.Dinov2Checkpoint;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.testsupport.SharedData;
import org.raylens.inference.testsupport.Tolerance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Taps with gradients, the seam Grad-CAM builds on: activations and d logit₁ / d activation at the golden targets
 * (last block's norm1 output, the residual entering it, its output) against the official code's references.
 */
class GoldenTapGradientTest {
    private record Result(float[] logits, float[] activations, float[] gradients) {
    }

    private static Result run(EncoderPredictor p, FloatTensor x, Tap tap, float[] headW, float[] headB, int patches) {
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            return p.forwardScoped(x, ForwardOptions.defaults(), Set.of(tap), true, sf -> {
                NDArray pooled = sf.lastHiddenState().get(":, 0, :");
                NDArray w = sf.scope().create(headW, new Shape(3, headW.length / 3));
                NDArray b = sf.scope().create(headB, new Shape(3));
                NDArray logits = pooled.matMul(w.transpose()).add(b);
                gc.backward(logits.get(":, 1").sum());
                NDArray act = sf.taps().get(tap);
                int first = sf.layout().firstPatch();
                String patchRange = ":, " + first + ":" + (first + patches) + ", :";
                return new Result(logits.toFloatArray(), act.get(patchRange).toFloatArray(),
                        act.getGradient().get(patchRange).toFloatArray());
            });
        }
    }

    @Test
    void tappedActivationsAndGradientsMatchTheReference() throws IOException {
        Path golden = SharedData.golden().orElse(null);
        assumeTrue(golden != null, "../shared/golden is absent; Grad-CAM tap test skipped");
        for (String model : List.of("tiny", "tiny_eps")) {
            Path ref = golden.resolve(model).resolve("reference");
            float[] headW = NpyReader.read(ref.resolve("gradcam_head_weight.npy")).data();
            float[] headB = NpyReader.read(ref.resolve("gradcam_head_bias.npy")).data();
            try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(golden.resolve(model + "/hf"), LoadOptions.defaults(), null);
                 Dinov2Encoder enc = Dinov2Encoder.load(cp, ComputeTarget.cpu().withThreads(1));
                 EncoderPredictor p = enc.newPredictor()) {
                int last = enc.config().numLayers() - 1;
                for (String kind : List.of("rand", "grad")) {
                    FloatTensor x = NpyReader.read(ref.resolve("input_56x56_" + kind + ".npy"));
                    for (String[] target : new String[][]{{"norm1", "NORM1_OUTPUT"}, {"block_in", "BLOCK_INPUT"},
                            {"block_out", "BLOCK_OUTPUT"}}) {
                        Tap tap = new Tap(last, Tap.Point.valueOf(target[1]));
                        Result r = run(p, x, tap, headW, headB, 16);
                        String sfx = "_56x56_" + kind + ".npy";
                        check(ref.resolve("gradcam_logits" + sfx), r.logits(), 5e-5, 0);
                        Path act = ref.resolve("gradcam_" + target[0] + "_activations" + sfx);
                        if (java.nio.file.Files.exists(act)) { // block_out has gradients only (they are exactly 0)
                            check(act, r.activations(), 1e-12, 2e-3);
                        }
                        check(ref.resolve("gradcam_" + target[0] + "_gradients" + sfx), r.gradients(), 1e-12, 2e-3);
                    }
                }
            }
        }
    }

    private static void check(Path file, float[] cand, double atol, double rtol) throws IOException {
        FloatTensor g = NpyReader.read(file);
        double max = 0;
        for (float v : g.data()) {
            max = Math.max(max, Math.abs(v));
        }
        Tolerance.assertClose(file.getFileName().toString(), g.shape(), g.data(), g.shape(), cand, atol + rtol * max);
    }

    @Test
    void gradientsNeedExactlyOneTap() throws IOException {
        var c = org.raylens.inference.testsupport.SyntheticCheckpoints.tiny(0,
                org.raylens.inference.model.FeedForwardKind.MLP_GELU, true);
        try (Dinov2Encoder enc = Dinov2Encoder.build(c, ComputeTarget.cpu().withThreads(1), null,
                new org.raylens.inference.bench.SyntheticWeights(c, 1)); EncoderPredictor p = enc.newPredictor()) {
            FloatTensor x = new FloatTensor(new float[3 * 42 * 42], new long[]{1, 3, 42, 42});
            assertThrows(IllegalArgumentException.class, () -> p.forwardScoped(x, ForwardOptions.defaults(),
                    Set.of(new Tap(0, Tap.Point.BLOCK_INPUT), new Tap(1, Tap.Point.NORM1_OUTPUT)), true, sf -> 0));
            assertThrows(IllegalArgumentException.class, () -> p.forwardScoped(x, ForwardOptions.defaults(),
                    Set.of(new Tap(7, Tap.Point.BLOCK_INPUT)), false, sf -> 0));
        }
    }
}
