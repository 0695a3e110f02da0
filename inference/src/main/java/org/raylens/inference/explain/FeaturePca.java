package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

import java.util.Locale;
import java.util.Optional;

/**
 * The DINOv2 paper's feature visualisation: the first three principal components of one image's patch tokens (after
 * the final LayerNorm) as an RGB map, with an optional foreground mask from the first component.
 *
 * <p>Components come from the eigen-decomposition of the patch tokens' D×D covariance ({@link SymmetricEigen}); an
 * eigenvector's sign is arbitrary, so it is fixed by its largest-magnitude loading being positive. The raw map holds
 * each patch's three scores (centred projections); {@link Result#rgb()} scales each component to [0, 1] separately.
 *
 * <p>Foreground rule: patches are split by thresholding the first component's scores (at 0 — the mean, since scores
 * are centred — or at Otsu's threshold). Which side is the foreground is not given by the sign, so it is decided by
 * position: the side whose patches lie closer to the grid centre on average (the subject of a radiograph is
 * centred, the background is at the borders); if both are equally central, the smaller side. The result is reported
 * in the description so a reader can see which rule fired.
 */
public final class FeaturePca {
    /** Threshold on the first component for the foreground mask. */
    public enum Threshold { NONE, ZERO, OTSU }

    /**
     * @param components the raw scores: (rows, cols, 3) on the patch grid
     * @param explained  fraction of the total variance each component explains
     * @param foreground 1 for foreground patches, 0 for background; empty without a threshold
     * @param foregroundComponents the DINOv2 paper's second pass: PCA of the foreground patches only (background 0);
     *                             empty without a mask
     */
    public record Result(PatchMap components, double[] explained, Optional<PatchMap> foreground,
                         Optional<PatchMap> foregroundComponents) {
        public Result {
            explained = explained.clone();
        }

        @Override
        public double[] explained() {
            return explained.clone();
        }

        /**
         * Each component min–max scaled to [0, 1] over the patches: the display form, interleaved RGB per patch. With
         * a mask, as in the DINOv2 paper: the foreground-only components, background black.
         */
        public float[] rgb() {
            float[] v = foregroundComponents.orElse(components).values();
            float[] mask = foreground.map(PatchMap::values).orElse(null);
            int p = v.length / 3;
            float[] out = new float[v.length];
            for (int c = 0; c < 3; c++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < p; t++) {
                    if (mask == null || mask[t] > 0) {
                        lo = Math.min(lo, v[t * 3 + c]);
                        hi = Math.max(hi, v[t * 3 + c]);
                    }
                }
                float span = hi > lo ? hi - lo : 1;
                for (int t = 0; t < p; t++) {
                    out[t * 3 + c] = mask == null || mask[t] > 0 ? (v[t * 3 + c] - lo) / span : 0f;
                }
            }
            return out;
        }
    }

    private final ExplainContext context;
    private final Progress progress;
    private final CancellationToken cancel;

    public FeaturePca(ExplainContext context) {
        this(context, Progress.NONE, CancellationToken.NONE);
    }

    /** With progress reported per block and cancellation polled between blocks. */
    public FeaturePca(ExplainContext context, Progress progress, CancellationToken cancel) {
        this.context = context;
        this.progress = progress;
        this.cancel = cancel;
    }

    public Result compute(ExplainInput input, Threshold threshold) {
        return compute(ForwardTrace.record(context, input, TraceNeeds.tokens(), progress, cancel), threshold);
    }

    /** The components of a trace's final patch tokens: no encoder pass. */
    public static Result compute(ForwardTrace trace, Threshold threshold) {
        EncoderOutput o = trace.output();
        ExplainInput input = trace.input();
        int rows = o.layout().rows();
        int cols = o.layout().cols();
        Analysis a = analyse(o.patchTokens(0), rows * cols, o.layout().dim(), rows, cols, threshold);
        String d = String.format(Locale.ROOT, "PCA of %d patch tokens (D=%d) after the final LayerNorm; explained variance "
                        + "%.3f, %.3f, %.3f; sign: largest loading positive%s", rows * cols, o.layout().dim(), a.explained[0],
                a.explained[1], a.explained[2], a.maskRule.isEmpty() ? "" : "; " + a.maskRule);
        String prov = trace.provenance(d);
        PatchMap comps = new PatchMap("pca", d, rows, cols, 3, a.scores, input.geometry(), prov);
        if (a.mask == null) {
            return new Result(comps, a.explained, Optional.empty(), Optional.empty());
        }
        PatchMap fg = new PatchMap("pca-foreground", a.maskRule, rows, cols, 1, a.mask, input.geometry(), prov);
        return new Result(comps, a.explained, Optional.of(fg), foregroundPass(o.patchTokens(0), a.mask, o.layout().dim(),
                rows, cols, input, prov));
    }

    /** PCA of the foreground patches alone, scattered back onto the grid (background 0); empty with < 2 patches. */
    private static Optional<PatchMap> foregroundPass(float[] tokens, float[] mask, int d, int rows, int cols,
                                                     ExplainInput input, String prov) {
        int n = 0;
        for (float m : mask) {
            n += m > 0 ? 1 : 0;
        }
        if (n < 2) {
            return Optional.empty();
        }
        float[] sub = new float[n * d];
        int k = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] > 0) {
                System.arraycopy(tokens, t * d, sub, k++ * d, d);
            }
        }
        Analysis a = analyse(sub, n, d, n, 1, Threshold.NONE);
        float[] grid = new float[mask.length * 3];
        k = 0;
        for (int t = 0; t < mask.length; t++) {
            if (mask[t] > 0) {
                System.arraycopy(a.scores, k++ * 3, grid, t * 3, 3);
            }
        }
        String d2 = String.format(Locale.ROOT, "second PCA on the %d foreground patches (background 0); explained variance "
                + "%.3f, %.3f, %.3f", n, a.explained[0], a.explained[1], a.explained[2]);
        return Optional.of(new PatchMap("pca", d2, rows, cols, 3, grid, input.geometry(), prov + "; " + d2));
    }

    /** Scores (P, 3), explained variance and the optional mask with the rule that chose its side. */
    record Analysis(float[] scores, double[] explained, float[] mask, String maskRule) {
    }

    /** The pure computation on (P, D) tokens laid out row-major on a rows × cols grid. */
    static Analysis analyse(float[] tokens, int p, int d, int rows, int cols, Threshold threshold) {
        if (p < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 patches, got " + p);
        }
        double[] mean = new double[d];
        for (int t = 0; t < p; t++) {
            for (int c = 0; c < d; c++) {
                mean[c] += tokens[t * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= p;
        }
        double[][] x = new double[p][d];
        for (int t = 0; t < p; t++) {
            for (int c = 0; c < d; c++) {
                x[t][c] = tokens[t * d + c] - mean[c];
            }
        }
        double[][] cov = new double[d][d];
        for (int t = 0; t < p; t++) {
            double[] row = x[t];
            for (int i = 0; i < d; i++) {
                double xi = row[i];
                double[] ci = cov[i];
                for (int j = i; j < d; j++) {
                    ci[j] += xi * row[j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= (p - 1);
                cov[j][i] = cov[i][j];
            }
            trace += cov[i][i];
        }
        int k = Math.min(3, d);
        SymmetricEigen.Pairs e = SymmetricEigen.top(cov, k);
        float[] scores = new float[p * 3];
        double[] explained = new double[3];
        for (int c = 0; c < k; c++) {
            explained[c] = trace > 0 ? e.values()[c] / trace : 0;
            for (int t = 0; t < p; t++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[t][j] * e.vectors()[c][j];
                }
                scores[t * 3 + c] = (float) s;
            }
        }
        if (threshold == Threshold.NONE) {
            return new Analysis(scores, explained, null, "");
        }
        float[] first = new float[p];
        for (int t = 0; t < p; t++) {
            first[t] = scores[t * 3];
        }
        double cut = threshold == Threshold.ZERO ? 0 : otsu(first);
        float[] mask = new float[p];
        double[] dist = new double[2];
        int[] count = new int[2];
        for (int t = 0; t < p; t++) {
            int side = first[t] > cut ? 1 : 0;
            double dy = (t / cols + 0.5) / rows - 0.5;
            double dx = (t % cols + 0.5) / cols - 0.5;
            dist[side] += Math.sqrt(dx * dx + dy * dy);
            count[side]++;
        }
        int fgSide;
        String why;
        double m0 = count[0] == 0 ? Double.POSITIVE_INFINITY : dist[0] / count[0];
        double m1 = count[1] == 0 ? Double.POSITIVE_INFINITY : dist[1] / count[1];
        if (Math.abs(m0 - m1) > 1e-9) {
            fgSide = m1 < m0 ? 1 : 0;
            why = "more central";
        } else {
            fgSide = count[1] <= count[0] ? 1 : 0;
            why = count[1] == count[0] ? "equally central, equally large: higher-score" : "equally central, smaller";
        }
        for (int t = 0; t < p; t++) {
            mask[t] = ((first[t] > cut ? 1 : 0) == fgSide) ? 1f : 0f;
        }
        String rule = String.format(Locale.ROOT, "foreground: first component %s %s (%s threshold), the %s side, %d of %d patches",
                fgSide == 1 ? ">" : "<=", fmt(cut), threshold.name().toLowerCase(Locale.ROOT), why, count[fgSide], p);
        return new Analysis(scores, explained, mask, rule);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Otsu's threshold over 256 bins between the minimum and maximum: the cut maximising between-class variance. */
    static double otsu(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) {
            return lo;
        }
        int bins = 256;
        int[] hist = new int[bins];
        for (float x : v) {
            hist[Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins))]++;
        }
        double total = v.length;
        double sumAll = 0;
        for (int i = 0; i < bins; i++) {
            sumAll += i * (double) hist[i];
        }
        double wB = 0;
        double sumB = 0;
        double best = -1;
        int bestBin = 0;
        for (int i = 0; i < bins - 1; i++) {
            wB += hist[i];
            sumB += i * (double) hist[i];
            double wF = total - wB;
            if (wB == 0 || wF == 0) {
                continue;
            }
            double mB = sumB / wB;
            double mF = (sumAll - sumB) / wF;
            double between = wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                bestBin = i;
            }
        }
        // patches in bins 0..bestBin are below: the cut is the upper edge of bestBin
        return lo + (bestBin + 1) * (hi - lo) / bins;
    }
}
