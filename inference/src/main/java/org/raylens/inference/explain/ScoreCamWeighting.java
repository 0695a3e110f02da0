package org.raylens.inference.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Score-CAM (Wang et al. 2020) as pytorch-grad-cam's score_cam.py computes it: each channel's activation grid is
 * upsampled bilinearly (align_corners, as torch's UpsamplingBilinear2d) to the input size, scaled to [0, 1] by
 * (A − min) / (max − min + 1e-8), and multiplies the input; the channel weights are the softmax over the channels
 * of the target's scores on those masked inputs. D forwards for D channels, shared by every target.
 */
final class ScoreCamWeighting implements ForwardCamWeighting {

    @Override
    public String name() {
        return "scorecam";
    }

    @Override
    public List<double[]> weights(CamForwards f) {
        float[] acts = f.activations();
        int rows = f.layout().rows();
        int cols = f.layout().cols();
        int d = f.layout().dim();
        int channels = f.trace().input().tensor().dim(1);
        int h = f.trace().input().tensor().dim(2);
        int w = f.trace().input().tensor().dim(3);
        float[][] scores = f.ofInputs(d, (c, images, offset) -> {
            float[] mask = upsampledMask(acts, c, d, rows, cols, h, w);
            for (int ch = 0; ch < channels; ch++) {
                int base = offset + ch * h * w;
                for (int i = 0; i < h * w; i++) {
                    images[base + i] *= mask[i];
                }
            }
        }, "Score-CAM");
        List<double[]> out = new ArrayList<>();
        for (float[] s : scores) {
            out.add(softmax(s));
        }
        return out;
    }

    /** Channel c's (rows, cols) grid upsampled to (h, w) with align_corners and scaled to [0, 1]. */
    static float[] upsampledMask(float[] acts, int c, int d, int rows, int cols, int h, int w) {
        float[] m = new float[h * w];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < h; y++) {
            double sy = h > 1 ? y * (rows - 1) / (double) (h - 1) : 0;
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, rows - 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = w > 1 ? x * (cols - 1) / (double) (w - 1) : 0;
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, cols - 1);
                double fx = sx - x0;
                double top = (1 - fx) * acts[(y0 * cols + x0) * d + c] + fx * acts[(y0 * cols + x1) * d + c];
                double bottom = (1 - fx) * acts[(y1 * cols + x0) * d + c] + fx * acts[(y1 * cols + x1) * d + c];
                double v = (1 - fy) * top + fy * bottom;
                m[y * w + x] = (float) v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) ((m[i] - min) / (max - min + 1e-8));
        }
        return m;
    }

    static double[] softmax(float[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : s) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            e[i] = Math.exp(s[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < e.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
