package org.raylens.inference.preprocess;

/**
 * PIL's {@code Image.resize(size, Image.BICUBIC)} for 8-bit images, re-implemented from Pillow's Resample.c
 * (ImagingResample, 9.x) so the result matches Pillow's bytes, not torch's interpolate:
 * <ul>
 *   <li>cubic kernel with a = −0.5, support 2 scaled by the reduction factor when downscaling (so downscaling is
 *       antialiased), taps from (int)(center ± support + 0.5), weights normalised to sum 1;</li>
 *   <li>weights converted to fixed point with 22 fractional bits (PRECISION_BITS = 32 − 8 − 2), rounded half away
 *       from zero; each output is {@code (2^21 + Σ pixel·weight) >> 22} clipped to 0–255;</li>
 *   <li>two passes, horizontal first (over only the rows the vertical pass needs) with an 8-bit intermediate, then
 *       vertical; a pass whose size does not change is skipped, as Pillow skips it.</li>
 * </ul>
 */
public final class PilBicubicResampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PilBicubicResampler() {
    }

    public static GreyImage8 resize(GreyImage8 in, int outWidth, int outHeight) {
        if (outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("target size must be positive");
        }
        boolean horizontal = outWidth != in.width();
        boolean vertical = outHeight != in.height();
        Coefficients h = Coefficients.compute(in.width(), outWidth);
        Coefficients v = Coefficients.compute(in.height(), outHeight);
        GreyImage8 img = in;
        int[] vBounds = v.bounds.clone();
        if (horizontal) {
            int yFirst = vBounds[0];
            int yLast = vBounds[(outHeight - 1) * 2] + vBounds[(outHeight - 1) * 2 + 1];
            if (vertical) {
                for (int i = 0; i < outHeight; i++) {
                    vBounds[i * 2] -= yFirst;
                }
            } else {
                yFirst = 0;
                yLast = in.height();
            }
            img = horizontalPass(in, outWidth, yFirst, yLast - yFirst, h);
        }
        if (vertical) {
            img = verticalPass(img, outHeight, vBounds, v);
        }
        return img == in ? new GreyImage8(in.width(), in.height(), in.pixels().clone()) : img;
    }

    private static GreyImage8 horizontalPass(GreyImage8 in, int outW, int yOffset, int rows, Coefficients c) {
        byte[] out = new byte[outW * rows];
        byte[] src = in.pixels();
        for (int y = 0; y < rows; y++) {
            int rowBase = (y + yOffset) * in.width();
            for (int x = 0; x < outW; x++) {
                int min = c.bounds[x * 2];
                int count = c.bounds[x * 2 + 1];
                int kBase = x * c.ksize;
                int ss = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < count; i++) {
                    ss += (src[rowBase + min + i] & 0xff) * c.fixed[kBase + i];
                }
                out[y * outW + x] = clip8(ss);
            }
        }
        return new GreyImage8(outW, rows, out);
    }

    private static GreyImage8 verticalPass(GreyImage8 in, int outH, int[] bounds, Coefficients c) {
        int w = in.width();
        byte[] out = new byte[w * outH];
        byte[] src = in.pixels();
        for (int y = 0; y < outH; y++) {
            int min = bounds[y * 2];
            int count = bounds[y * 2 + 1];
            int kBase = y * c.ksize;
            for (int x = 0; x < w; x++) {
                int ss = 1 << (PRECISION_BITS - 1);
                for (int i = 0; i < count; i++) {
                    ss += (src[(min + i) * w + x] & 0xff) * c.fixed[kBase + i];
                }
                out[y * w + x] = clip8(ss);
            }
        }
        return new GreyImage8(w, outH, out);
    }

    private static byte clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static double bicubic(double x) {
        final double a = -0.5;
        if (x < 0.0) {
            x = -x;
        }
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis (box = whole image). */
    private record Coefficients(int ksize, int[] bounds, int[] fixed) {
        static Coefficients compute(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterscale = Math.max(scale, 1.0);
            double support = SUPPORT * filterscale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            int[] fixed = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ww = 0.0;
                double ss = 1.0 / filterscale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                for (int x = 0; x < xmax; x++) {
                    double w = bicubic((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < ksize; x++) {
                    double w = x < xmax ? (ww != 0.0 ? k[x] / ww : k[x]) : 0.0;
                    double f = w * (1 << PRECISION_BITS);
                    fixed[xx * ksize + x] = (int) (w < 0 ? -0.5 + f : 0.5 + f);
                }
                bounds[xx * 2] = xmin;
                bounds[xx * 2 + 1] = xmax;
            }
            return new Coefficients(ksize, bounds, fixed);
        }
    }
}
