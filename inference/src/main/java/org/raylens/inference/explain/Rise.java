package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * RISE (Petsiuk, Das and Saenko 2018): N random masks, each a cells × cells binary grid (a cell is on with
 * probability p) upsampled bilinearly to (cells + 1) · ⌈H / cells⌉ pixels and cut at a random shift below one cell;
 * the input is multiplied by each mask (x·M + baseline·(1 − M)), and the map is the score-weighted mean mask,
 * S = Σᵢ score(x ⊙ Mᵢ) · Mᵢ / (N · p), as the authors' code computes it. Seeded: the same seed gives the same masks
 * (Java's SplittableRandom, so not numpy's masks). The map has one value per input pixel the model sees.
 */
public final class Rise extends PerturbationExplainer {

    @Override
    public String name() {
        return "rise";
    }

    @Override
    public String displayName() {
        return "RISE";
    }

    @Override
    public List<MethodParameters.Spec> parameters() {
        return List.of(new MethodParameters.Spec("masks", "1000", "number of random masks (forwards)"),
                new MethodParameters.Spec("cells", "7", "mask grid cells per side before upsampling"),
                new MethodParameters.Spec("p", "0.5", "probability that a grid cell keeps the image"),
                new MethodParameters.Spec("seed", "0", "random seed of the masks"),
                new MethodParameters.Spec("baseline", "0", "value where a mask is 0, in normalised input units"),
                PerturbedScores.batchSpec());
    }

    @Override
    public List<PatchMap> explainEach(ForwardTrace trace, TokenHead head, List<Integer> outputs,
                                      MethodParameters parameters, Progress progress, CancellationToken cancel) {
        int n = parameters.intValue("masks", 1000, 1, 1_000_000);
        int cells = parameters.intValue("cells", 7, 1, 1024);
        double p = parameters.doubleValue("p", 0.5, 1e-6, 1);
        long seed = parameters.longValue("seed", 0);
        float baseline = (float) parameters.doubleValue("baseline", 0, -1e6, 1e6);
        int channels = trace.input().tensor().dim(1);
        int h = trace.input().tensor().dim(2);
        int w = trace.input().tensor().dim(3);
        Masks masks = new Masks(n, cells, p, seed, h, w);
        MapGeometry grid = cells(trace.input().geometry(), 1);
        int seenH = grid.rows();
        int seenW = grid.cols();
        List<OutputTarget> targets = OutputTarget.outputs(head, outputs);
        int batch = PerturbedScores.batch(trace, parameters);
        double[][] sum = new double[targets.size()][seenH * seenW];
        // one batch of masks at a time: made for the forwards, then reused to add up the weighted mean
        for (int start = 0; start < n; start += batch) {
            int b = Math.min(batch, n - start);
            float[][] m = new float[b][];
            for (int i = 0; i < b; i++) {
                m[i] = masks.mask(start + i);
            }
            int first = start;
            float[][] scores = new PerturbedScores(trace, head, targets, batch, Progress.NONE, cancel)
                    .of(b, (index, images, offset) -> {
                        float[] mask = m[index];
                        for (int c = 0; c < channels; c++) {
                            int base = offset + c * h * w;
                            for (int i = 0; i < h * w; i++) {
                                images[base + i] = images[base + i] * mask[i] + baseline * (1 - mask[i]);
                            }
                        }
                    }, "RISE");
            for (int t = 0; t < targets.size(); t++) {
                double[] s = sum[t];
                for (int i = 0; i < b; i++) {
                    double score = scores[t][i];
                    float[] mask = m[i];
                    for (int y = 0; y < seenH; y++) {
                        for (int x = 0; x < seenW; x++) {
                            s[y * seenW + x] += score * mask[y * w + x];
                        }
                    }
                }
            }
            progress.report(first + b, n, String.format(Locale.ROOT, "RISE: %d of %d masks", first + b, n));
        }
        List<PatchMap> maps = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            float[] map = new float[seenH * seenW];
            for (int i = 0; i < map.length; i++) {
                map[i] = (float) (sum[t][i] / n / p);
            }
            String d = String.format(Locale.ROOT, "RISE of %s: %d masks, %d×%d cells, p %s, seed %d, baseline %s",
                    targets.get(t).describe(), n, cells, cells, p, seed, baseline);
            maps.add(new PatchMap(name(), d, seenH, seenW, 1, map, grid,
                    trace.provenance(d + "; head outputs " + head.outputs())));
        }
        return maps;
    }

    /**
     * RISE's masks for an H × W input, each computed on demand from the seed (so no N × H × W array is held): the
     * grid bits and the shift of mask i are drawn in order from one generator, kept as a small table.
     */
    static final class Masks {
        private final int cells;
        private final int h;
        private final int w;
        private final int cellH;
        private final int cellW;
        private final boolean[][] grids;
        private final int[][] shifts;

        Masks(int n, int cells, double p, long seed, int h, int w) {
            this.cells = cells;
            this.h = h;
            this.w = w;
            this.cellH = (h + cells - 1) / cells;
            this.cellW = (w + cells - 1) / cells;
            SplittableRandom r = new SplittableRandom(seed);
            grids = new boolean[n][cells * cells];
            shifts = new int[n][2];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < cells * cells; k++) {
                    grids[i][k] = r.nextDouble() < p;
                }
                shifts[i][0] = r.nextInt(cellH);
                shifts[i][1] = r.nextInt(cellW);
            }
        }

        /** The on/off grid of mask i, cells × cells row-major. */
        boolean[] grid(int i) {
            return grids[i].clone();
        }

        /** {dy, dx}: where mask i is cut from its upsampled grid. */
        int[] shift(int i) {
            return shifts[i].clone();
        }

        /** Mask i, H × W row-major in [0, 1]. */
        float[] mask(int i) {
            boolean[] g = grids[i];
            int upH = (cells + 1) * cellH;
            int upW = (cells + 1) * cellW;
            float[] m = new float[h * w];
            double[] wx = new double[w];
            int[] x0 = new int[w];
            int[] x1 = new int[w];
            for (int x = 0; x < w; x++) {
                double cx = (x + shifts[i][1] + 0.5) * cells / upW - 0.5;
                int f = (int) Math.floor(cx);
                wx[x] = cx - f;
                x0[x] = reflect(f, cells);
                x1[x] = reflect(f + 1, cells);
            }
            for (int y = 0; y < h; y++) {
                double cy = (y + shifts[i][0] + 0.5) * cells / upH - 0.5;
                int f = (int) Math.floor(cy);
                double wy = cy - f;
                int y0 = reflect(f, cells) * cells;
                int y1 = reflect(f + 1, cells) * cells;
                for (int x = 0; x < w; x++) {
                    double top = (g[y0 + x0[x]] ? 1 - wx[x] : 0) + (g[y0 + x1[x]] ? wx[x] : 0);
                    double bottom = (g[y1 + x0[x]] ? 1 - wx[x] : 0) + (g[y1 + x1[x]] ? wx[x] : 0);
                    m[y * w + x] = (float) ((1 - wy) * top + wy * bottom);
                }
            }
            return m;
        }

        /**
         * numpy's "reflect" padding of an index (mirror about the edge cell, not repeating it), as skimage's
         * bilinear resize in the authors' code reads beyond the grid.
         */
        static int reflect(int i, int n) {
            if (n == 1) {
                return 0;
            }
            int period = 2 * (n - 1);
            int k = Math.floorMod(i, period);
            return k < n ? k : period - k;
        }
    }
}
