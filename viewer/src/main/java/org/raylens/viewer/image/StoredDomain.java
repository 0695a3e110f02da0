package org.raylens.viewer.image;

/**
 * The range of stored values a frame holds, as the index space of its display LUT: index = (value − min) >>> shift.
 * The shift is 0 for up to 65 536 distinct values (every 8- and 16-bit image) and only coarsens bins for 32-bit
 * data with a wider range, where 65 536 display bins are still far finer than 256 grey levels (and the table stays
 * 256 KB whatever a header claims). Unsigned 32-bit values are held in Java ints bit for bit; unsigned arithmetic on
 * the difference keeps the index right.
 */
public record StoredDomain(int min, int max, int shift, boolean unsigned32) {
    static final int MAX_BINS_LOG2 = 16;

    /** The domain of {@code values}; {@code unsigned32} for 32-bit data with Pixel Representation 0. */
    public static StoredDomain of(int[] values, boolean unsigned32) {
        if (values.length == 0) {
            return new StoredDomain(0, 0, 0, unsigned32);
        }
        int min = values[0];
        int max = values[0];
        if (unsigned32) {
            for (int v : values) {
                if (Integer.compareUnsigned(v, min) < 0) {
                    min = v;
                }
                if (Integer.compareUnsigned(v, max) > 0) {
                    max = v;
                }
            }
        } else {
            for (int v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        long span = Integer.toUnsignedLong(max - min);
        int shift = 0;
        while ((span >>> shift) >= (1L << MAX_BINS_LOG2)) {
            shift++;
        }
        return new StoredDomain(min, max, shift, unsigned32);
    }

    /** Number of LUT entries. */
    public int size() {
        return (int) (Integer.toUnsignedLong(max - min) >>> shift) + 1;
    }

    public int index(int storedValue) {
        return (storedValue - min) >>> shift;
    }

    /** The stored value (as a number) at the start of bin {@code index}. */
    public double valueAt(int index) {
        return toDouble(min + (index << shift));
    }

    public double toDouble(int storedValue) {
        return unsigned32 ? Integer.toUnsignedLong(storedValue) : storedValue;
    }

    public double minValue() {
        return toDouble(min);
    }

    public double maxValue() {
        return toDouble(max);
    }
}
