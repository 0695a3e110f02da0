package org.raylens.viewer.dicom.codec;

import org.raylens.viewer.dicom.PixelDataException;

/**
 * The last step every codec shares: checks a decoded frame against the description and turns raw decoded bits into
 * DICOM stored values (masked to Bits Stored, sign-extended when Pixel Representation is 1).
 */
public final class SampleOutput {

    private SampleOutput() {
    }

    /**
     * Checks that the description fits in an int[] and returns the sample count, so no codec allocates for an image
     * larger than Java can hold.
     */
    public static int samplesPerFrame(PixelDescription d) throws PixelDataException {
        if (d.rows() <= 0 || d.columns() <= 0 || d.samplesPerPixel() <= 0) {
            throw CodecErrors.corrupt("image has no pixels (" + d.rows() + "×" + d.columns() + "×"
                    + d.samplesPerPixel() + ")");
        }
        long n = d.samplesPerFrame();
        if (n > Integer.MAX_VALUE - 16) {
            throw CodecErrors.corrupt("frame of " + n + " samples is too large to decode");
        }
        if (d.bitsStored() < 1 || d.bitsStored() > 32 || d.bitsStored() > d.bitsAllocated()) {
            throw CodecErrors.corrupt("Bits Stored " + d.bitsStored() + " does not fit Bits Allocated "
                    + d.bitsAllocated());
        }
        return (int) n;
    }

    /** Masks every sample to Bits Stored and sign-extends when the data are signed, in place. */
    public static int[] toStoredValues(int[] samples, PixelDescription d) {
        int bits = d.bitsStored();
        if (bits >= 32) {
            return samples;
        }
        if (d.signed()) {
            int shift = 32 - bits;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (samples[i] << shift) >> shift;
            }
        } else {
            int mask = (1 << bits) - 1;
            for (int i = 0; i < samples.length; i++) {
                samples[i] &= mask;
            }
        }
        return samples;
    }
}
