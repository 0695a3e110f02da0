package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Occlusion (Zeiler and Fergus 2014) as Captum's {@code Occlusion} defines it: a window of window × window pixels
 * (every channel) starts at the top-left corner and moves by the stride, ⌈(S − window) / stride⌉ + 1 positions per
 * axis, the last one cut off at the edge; at each position the window is set to the baseline value, and a pixel's
 * attribution is the mean, over the windows that cover it, of score(input) − score(occluded input).
 *
 * <p>S is the part of the input the model sees (rows·patch × cols·patch; pixels beyond it change nothing). Every
 * pixel of a cell of g = gcd(window, stride, patch) pixels is covered by the same windows, so the map is given on
 * that grid: Captum's per-pixel attribution without its repetitions. The defaults (window = stride = patch) give
 * one value per patch token.
 */
public final class Occlusion extends PerturbationExplainer {

    @Override
    public String name() {
        return "occlusion";
    }

    @Override
    public String displayName() {
        return "Occlusion";
    }

    @Override
    public List<MethodParameters.Spec> parameters() {
        return List.of(new MethodParameters.Spec("window", "patch", "side of the occluding square, input pixels"),
                new MethodParameters.Spec("stride", "window", "step between windows, input pixels"),
                new MethodParameters.Spec("baseline", "0", "value the window is set to, in normalised input units"),
                PerturbedScores.batchSpec());
    }

    @Override
    public List<PatchMap> explainEach(ForwardTrace trace, TokenHead head, List<Integer> outputs,
                                      MethodParameters parameters, Progress progress, CancellationToken cancel) {
        MapGeometry g = trace.input().geometry();
        int seenH = g.rows() * g.patchSize();
        int seenW = g.cols() * g.patchSize();
        int window = parameters.intValue("window", g.patchSize(), 1, Math.min(seenH, seenW));
        int stride = parameters.intValue("stride", window, 1, Math.max(seenH, seenW));
        if (stride > window) {
            throw new IllegalArgumentException("occlusion stride " + stride + " is larger than the window " + window
                    + ": some pixels would never be occluded");
        }
        float baseline = (float) parameters.doubleValue("baseline", 0, -1e6, 1e6);
        int ny = steps(seenH, window, stride);
        int nx = steps(seenW, window, stride);
        int channels = trace.input().tensor().dim(1);
        int h = trace.input().tensor().dim(2);
        int w = trace.input().tensor().dim(3);
        List<OutputTarget> targets = OutputTarget.outputs(head, outputs);
        PerturbedScores forwards = new PerturbedScores(trace, head, targets, PerturbedScores.batch(trace, parameters),
                progress, cancel);
        // copy 0 is the input itself, so the reference score comes from the same batched path as the occluded ones
        float[][] scores = forwards.of(1 + ny * nx, (index, images, offset) -> {
            if (index == 0) {
                return;
            }
            int[] r = window(index - 1, nx, window, stride, seenH, seenW);
            for (int c = 0; c < channels; c++) {
                for (int y = r[0]; y < r[2]; y++) {
                    int row = offset + (c * h + y) * w;
                    java.util.Arrays.fill(images, row + r[1], row + r[3], baseline);
                }
            }
        }, "occlusion");
        int cell = gcd(gcd(window, stride), g.patchSize());
        MapGeometry grid = cells(g, cell);
        int[] covered = new int[grid.rows() * grid.cols()];
        for (int k = 0; k < ny * nx; k++) {
            forEachCell(window(k, nx, window, stride, seenH, seenW), cell, grid.cols(), i -> covered[i]++);
        }
        List<PatchMap> maps = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            double[] sum = new double[covered.length];
            float[] s = scores[t];
            for (int k = 0; k < ny * nx; k++) {
                double drop = (double) s[0] - s[k + 1];
                forEachCell(window(k, nx, window, stride, seenH, seenW), cell, grid.cols(), i -> sum[i] += drop);
            }
            float[] map = new float[sum.length];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) (sum[i] / covered[i]);
            }
            String d = String.format(Locale.ROOT, "occlusion of %s: window %d px, stride %d px, baseline %s, %d windows;"
                    + " score %.6g", targets.get(t).describe(), window, stride, baseline, ny * nx, s[0]);
            maps.add(new PatchMap(name(), d, grid.rows(), grid.cols(), 1, map, grid,
                    trace.provenance(d + "; head outputs " + head.outputs())));
        }
        return maps;
    }

    /** Captum's count of window positions along an axis of {@code size} pixels. */
    static int steps(int size, int window, int stride) {
        return (int) Math.ceil((size - window) / (double) stride) + 1;
    }

    /** Window {@code k} (row-major over the positions) as {y0, x0, y1, x1}, cut off at the seen area's edge. */
    static int[] window(int k, int nx, int window, int stride, int seenH, int seenW) {
        int y0 = (k / nx) * stride;
        int x0 = (k % nx) * stride;
        return new int[]{y0, x0, Math.min(y0 + window, seenH), Math.min(x0 + window, seenW)};
    }

    private static void forEachCell(int[] r, int cell, int cols, java.util.function.IntConsumer action) {
        for (int y = r[0] / cell; y < r[2] / cell; y++) {
            for (int x = r[1] / cell; x < r[3] / cell; x++) {
                action.accept(y * cols + x);
            }
        }
    }
}
