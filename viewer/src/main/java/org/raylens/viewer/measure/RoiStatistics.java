package org.raylens.viewer.measure;

/**
 * Mean, standard deviation, minimum and maximum of a value over the pixels of an {@link Roi} (those whose centre is
 * inside and that lie in the image); NaN values (a map where the model did not see) are skipped and not counted.
 * The standard deviation is the sample one (n − 1), as ImageJ and Weasis report it; {@code sum} is kept for mass
 * shares.
 */
public record RoiStatistics(long count, double mean, double standardDeviation, double min, double max, double sum) {

    /** A value per source pixel (x, y) with 0 ≤ x < width, 0 ≤ y < height. */
    @FunctionalInterface
    public interface PixelValues {
        double valueAt(int x, int y);
    }

    public static RoiStatistics over(Roi roi, int width, int height, PixelValues values) {
        int x0 = Math.max(0, (int) Math.floor(roi.minX()));
        int x1 = Math.min(width - 1, (int) Math.ceil(roi.maxX()));
        int y0 = Math.max(0, (int) Math.floor(roi.minY()));
        int y1 = Math.min(height - 1, (int) Math.ceil(roi.maxY()));
        long n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        // Welford's update: one pass, no cancellation on a 16-bit image's large, close values
        double mean = 0;
        double m2 = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!roi.contains(x + 0.5, y + 0.5)) {
                    continue;
                }
                double v = values.valueAt(x, y);
                if (Double.isNaN(v)) {
                    continue;
                }
                n++;
                sum += v;
                double delta = v - mean;
                mean += delta / n;
                m2 += delta * (v - mean);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return new RoiStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new RoiStatistics(n, mean, n > 1 ? Math.sqrt(m2 / (n - 1)) : 0, min, max, sum);
    }
}
