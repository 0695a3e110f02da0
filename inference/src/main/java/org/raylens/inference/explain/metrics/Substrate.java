package org.raylens.inference.explain.metrics;

import java.util.Locale;

/**
 * What deletion puts in place of a removed pixel and insertion starts from (Petsiuk et al. 2018, RISE): a constant
 * in normalised input units (0 = the normalisation's mean), or the image blurred with a Gaussian (RISE's insertion
 * substrate), so that a removed region keeps its low frequencies and the score does not jump on an unnatural edge.
 */
public sealed interface Substrate {
    /** (C, H, W) the substrate image for {@code image}. */
    float[] of(float[] image, int channels, int height, int width);

    String describe();

    static Substrate constant(float value) {
        return new Constant(value);
    }

    static Substrate blur(double sigmaPixels) {
        return new Blur(sigmaPixels);
    }

    /** "blur" (σ = 5 pixels, RISE's), "blur:σ" or a number. */
    static Substrate parse(String s) {
        if (s.equalsIgnoreCase("blur")) {
            return blur(5);
        }
        try {
            if (s.toLowerCase(Locale.ROOT).startsWith("blur:")) {
                return blur(Double.parseDouble(s.substring(5)));
            }
            return constant(Float.parseFloat(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("substrate \"" + s + "\" is neither a number, \"blur\" nor \"blur:σ\"", e);
        }
    }

    record Constant(float value) implements Substrate {
        @Override
        public float[] of(float[] image, int channels, int height, int width) {
            float[] out = new float[image.length];
            java.util.Arrays.fill(out, value);
            return out;
        }

        @Override
        public String describe() {
            return "constant " + value;
        }
    }

    record Blur(double sigma) implements Substrate {
        public Blur {
            if (!(sigma > 0)) {
                throw new IllegalArgumentException("blur σ must be positive, got " + sigma);
            }
        }

        @Override
        public float[] of(float[] image, int channels, int height, int width) {
            int r = (int) Math.ceil(3 * sigma);
            double[] k = new double[2 * r + 1];
            double sum = 0;
            for (int i = -r; i <= r; i++) {
                k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
                sum += k[i + r];
            }
            for (int i = 0; i < k.length; i++) {
                k[i] /= sum;
            }
            float[] tmp = new float[image.length];
            float[] out = new float[image.length];
            for (int c = 0; c < channels; c++) {
                int base = c * height * width;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double s = 0;
                        for (int i = -r; i <= r; i++) {
                            s += k[i + r] * image[base + y * width + reflect(x + i, width)];
                        }
                        tmp[base + y * width + x] = (float) s;
                    }
                }
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double s = 0;
                        for (int i = -r; i <= r; i++) {
                            s += k[i + r] * tmp[base + reflect(y + i, height) * width + x];
                        }
                        out[base + y * width + x] = (float) s;
                    }
                }
            }
            return out;
        }

        /** Mirror at the border (without repeating the edge pixel), as OpenCV's default. */
        private static int reflect(int i, int n) {
            if (n == 1) {
                return 0;
            }
            int period = 2 * (n - 1);
            int m = Math.floorMod(i, period);
            return m < n ? m : period - m;
        }

        @Override
        public String describe() {
            return "Gaussian blur σ=" + sigma + " px";
        }
    }
}
