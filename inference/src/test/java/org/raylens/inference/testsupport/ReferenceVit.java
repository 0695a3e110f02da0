package org.raylens.inference.testsupport;

import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;

import java.io.IOException;

/**
 * A deliberately naive, loop-by-loop DINOv2 forward in double precision, written from the dinov2 module sources
 * independently of the DJL code path: the oracle for what the golden files do not cover (register tokens, SwiGLU,
 * no LayerScale, batches). Returns last_hidden_state (N × D) of one image.
 */
public final class ReferenceVit {
    private final Dinov2Config c;
    private final Dinov2Encoder.ParamSource p;

    public ReferenceVit(Dinov2Config c, Dinov2Encoder.ParamSource p) {
        this.c = c;
        this.p = p;
    }

    private float[] w(String n) throws IOException {
        return p.get(n).values();
    }

    public double[][] forward(float[] img, int height, int width, PositionEmbeddingInterpolation interp) throws IOException {
        int d = c.hiddenSize();
        int ps = c.patchSize();
        int rows = height / ps;
        int cols = width / ps;
        float[] pw = w("patch_embed.proj.weight");
        float[] pb = w("patch_embed.proj.bias");
        float[] pos = interp.interpolate(w("pos_embed"), d, height, width, rows, cols);
        int np = rows * cols;
        double[][] x0 = new double[1 + np][d];
        float[] cls = w("cls_token");
        for (int k = 0; k < d; k++) {
            x0[0][k] = cls[k] + pos[k];
        }
        for (int r = 0; r < rows; r++) {
            for (int cc = 0; cc < cols; cc++) {
                int t = 1 + r * cols + cc;
                for (int k = 0; k < d; k++) {
                    double s = pb[k];
                    for (int ch = 0; ch < c.numChannels(); ch++) {
                        for (int i = 0; i < ps; i++) {
                            for (int j = 0; j < ps; j++) {
                                s += pw[((k * c.numChannels() + ch) * ps + i) * ps + j]
                                        * img[(ch * height + r * ps + i) * width + cc * ps + j];
                            }
                        }
                    }
                    x0[t][k] = s + pos[t * d + k];
                }
            }
        }
        int reg = c.numRegisterTokens();
        double[][] x = new double[1 + reg + np][];
        x[0] = x0[0];
        float[] regs = reg > 0 ? w("register_tokens") : new float[0];
        for (int i = 0; i < reg; i++) {
            x[1 + i] = new double[d];
            for (int k = 0; k < d; k++) {
                x[1 + i][k] = regs[i * d + k];
            }
        }
        System.arraycopy(x0, 1, x, 1 + reg, np);
        for (int l = 0; l < c.numLayers(); l++) {
            x = block(x, "blocks." + l + ".");
        }
        return layerNorm(x, w("norm.weight"), w("norm.bias"));
    }

    private double[][] block(double[][] x, String pre) throws IOException {
        int n = x.length;
        int d = c.hiddenSize();
        int h = c.numHeads();
        int hd = d / h;
        double[][] xn = layerNorm(x, w(pre + "norm1.weight"), w(pre + "norm1.bias"));
        double[][] qkv = linear(xn, w(pre + "attn.qkv.weight"), c.qkvBias() ? w(pre + "attn.qkv.bias") : null, 3 * d);
        double[][] ctx = new double[n][d];
        double scale = 1.0 / Math.sqrt(hd);
        for (int head = 0; head < h; head++) {
            for (int i = 0; i < n; i++) {
                double[] s = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int k = 0; k < hd; k++) {
                        dot += qkv[i][head * hd + k] * qkv[j][d + head * hd + k];
                    }
                    s[j] = dot * scale;
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < hd; k++) {
                        ctx[i][head * hd + k] += s[j] / sum * qkv[j][2 * d + head * hd + k];
                    }
                }
            }
        }
        double[][] a = linear(ctx, w(pre + "attn.proj.weight"), w(pre + "attn.proj.bias"), d);
        double[][] y = residual(x, a, c.layerScale() ? w(pre + "ls1.gamma") : null);
        double[][] yn = layerNorm(y, w(pre + "norm2.weight"), w(pre + "norm2.bias"));
        double[][] f;
        int hid = c.mlpHiddenSize();
        if (c.feedForward() == FeedForwardKind.SWIGLU) {
            double[][] x12 = linear(yn, w(pre + "mlp.w12.weight"), w(pre + "mlp.w12.bias"), 2 * hid);
            double[][] g = new double[n][hid];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < hid; k++) {
                    double x1 = x12[i][k];
                    g[i][k] = x1 / (1 + Math.exp(-x1)) * x12[i][hid + k];
                }
            }
            f = linear(g, w(pre + "mlp.w3.weight"), w(pre + "mlp.w3.bias"), d);
        } else {
            double[][] h1 = linear(yn, w(pre + "mlp.fc1.weight"), w(pre + "mlp.fc1.bias"), hid);
            for (double[] row : h1) {
                for (int k = 0; k < hid; k++) {
                    row[k] = 0.5 * row[k] * (1 + erf(row[k] / Math.sqrt(2)));
                }
            }
            f = linear(h1, w(pre + "mlp.fc2.weight"), w(pre + "mlp.fc2.bias"), d);
        }
        return residual(y, f, c.layerScale() ? w(pre + "ls2.gamma") : null);
    }

    private static double[][] residual(double[][] x, double[][] branch, float[] gamma) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[0].length; k++) {
                out[i][k] = x[i][k] + (gamma == null ? 1 : gamma[k]) * branch[i][k];
            }
        }
        return out;
    }

    private static double[][] linear(double[][] x, float[] wt, float[] b, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    s += wt[o * in + k] * x[i][k];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, float[] g, float[] b) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double mean = 0;
            for (double v : x[i]) {
                mean += v;
            }
            mean /= x[i].length;
            double var = 0;
            for (double v : x[i]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[i].length;
            y[i] = new double[x[i].length];
            for (int k = 0; k < x[i].length; k++) {
                y[i][k] = (x[i][k] - mean) / Math.sqrt(var + c.layerNormEps()) * g[k] + b[k];
            }
        }
        return y;
    }

    /** erf to ~1e-15 via its Taylor series (small |x|) or the continued-fraction complement (large |x|). */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 60; n >= 1; n--) {
                f = n / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }
}
