package org.raylens.viewer.sample;

/**
 * The detector model of {@link ChestPhantom}: quantum noise whose standard deviation in the log domain is
 * 1/√(counts) with counts = N₀·e^(−A) (more noise behind dense anatomy, as with real photon statistics),
 * then the logarithmic "for presentation" transfer to unsigned stored values of {@code bitsStored} bits: air
 * near the minimum, the densest anatomy well below the maximum.
 */
final class Detector {
    private static final double QUANTA = 30_000;
    private static final double FULL_SCALE_ATTENUATION = 6.2;

    private final int maxValue;
    private final double offset;
    private final double gain;

    Detector(int bitsStored) {
        this.maxValue = (1 << bitsStored) - 1;
        this.offset = 0.03 * maxValue;
        this.gain = 0.95 * maxValue / FULL_SCALE_ATTENUATION;
    }

    int maxValue() {
        return maxValue;
    }

    /**
     * @param rawAttenuation      the true line integral, which sets the photon count and so the noise
     * @param displayAttenuation  the processed line integral that is mapped to the stored value
     * @param normal              a standard normal draw
     */
    short expose(double rawAttenuation, double displayAttenuation, double normal) {
        double sigma = Math.exp(0.5 * rawAttenuation) / Math.sqrt(QUANTA);
        double v = offset + gain * (displayAttenuation + sigma * normal);
        long stored = Math.round(v);
        if (stored < 0) {
            stored = 0;
        } else if (stored > maxValue) {
            stored = maxValue;
        }
        return (short) stored;
    }
}
