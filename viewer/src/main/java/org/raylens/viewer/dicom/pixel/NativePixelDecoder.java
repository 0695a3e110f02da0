package org.raylens.viewer.dicom.pixel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.raylens.viewer.dicom.codec.PixelDescription;

/**
 * Decodes one uncompressed (native) frame into stored values, pixel-interleaved, in the {@code PixelCodec}
 * convention: masked to Bits Stored at the position High Bit gives, sign-extended when Pixel Representation is 1.
 *
 * <p>Layout rules it follows (PS3.5 §8.1): samples of {@code bitsAllocated} bits, little or big endian by the
 * transfer syntax (big endian OW/OL data is byte-swapped per 16/32-bit word, so 8-bit samples in an OW element are
 * swapped in pairs); 1-bit samples packed least significant bit first; Planar Configuration 1 (colour-by-plane) is
 * re-interleaved; uncompressed YBR_FULL_422 stores Y1 Y2 Cb Cr per pair of pixels and is expanded to Y Cb Cr per
 * pixel — the same values pydicom returns, still YBR (the display pipeline converts to RGB).
 */
public final class NativePixelDecoder {
    private NativePixelDecoder() {}

    /** Bits one native frame occupies; frames follow each other without padding (1-bit frames are not byte-aligned). */
    public static long frameBits(PixelDescription d) {
        long samples = storedSamplesPerFrame(d);
        return Math.multiplyExact(samples, d.bitsAllocated());
    }

    /** Samples actually stored per frame: YBR_FULL_422 stores two chroma samples per two pixels, not six. */
    static long storedSamplesPerFrame(PixelDescription d) {
        if (isUncompressed422(d)) {
            return d.pixelsPerFrame() * 2;
        }
        return d.samplesPerFrame();
    }

    static boolean isUncompressed422(PixelDescription d) {
        return d.samplesPerPixel() == 3 && "YBR_FULL_422".equals(d.photometric());
    }

    /**
     * Decodes the frame whose first bit is at {@code bitOffset} in {@code data} (a multiple of 8 except for 1-bit
     * data). {@code data} must hold {@link #frameBits} bits from there.
     *
     * @param wordSwap true for big-endian OW data with 8 bits allocated, whose bytes are swapped in 16-bit words
     */
    public static int[] decode(byte[] data, long bitOffset, PixelDescription d, boolean bigEndian, boolean wordSwap) {
        int stored = Math.toIntExact(storedSamplesPerFrame(d));
        int[] raw = new int[stored];
        int byteOffset = Math.toIntExact(bitOffset >>> 3);
        switch (d.bitsAllocated()) {
            case 1 -> unpackBits(data, bitOffset, raw);
            case 8 -> read8(data, byteOffset, raw, wordSwap);
            case 16 -> read16(data, byteOffset, raw, bigEndian);
            case 32 -> read32(data, byteOffset, raw, bigEndian);
            default -> throw new IllegalArgumentException("bits allocated " + d.bitsAllocated());
        }
        normalise(raw, d);
        if (isUncompressed422(d)) {
            return expand422(raw, Math.toIntExact(d.pixelsPerFrame()));
        }
        if (d.samplesPerPixel() > 1 && d.planarConfiguration() == 1) {
            return interleave(raw, d.samplesPerPixel());
        }
        return raw;
    }

    private static void unpackBits(byte[] data, long bitOffset, int[] out) {
        for (int i = 0; i < out.length; i++) {
            long bit = bitOffset + i;
            out[i] = (data[(int) (bit >>> 3)] >>> (int) (bit & 7)) & 1;
        }
    }

    private static void read8(byte[] data, int offset, int[] out, boolean wordSwap) {
        if (wordSwap) {
            for (int i = 0; i < out.length; i++) {
                out[i] = data[offset + (i ^ 1)] & 0xFF;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = data[offset + i] & 0xFF;
            }
        }
    }

    private static void read16(byte[] data, int offset, int[] out, boolean bigEndian) {
        // One 16-bit load per sample through a byte-array view, the commonest uncompressed frame's hot loop. Each
        // loop names its static final handle directly: only a constant VarHandle is compiled to a plain load.
        if (bigEndian) {
            for (int i = 0, p = offset; i < out.length; i++, p += 2) {
                out[i] = (short) SHORT_BE.get(data, p) & 0xFFFF;
            }
        } else {
            for (int i = 0, p = offset; i < out.length; i++, p += 2) {
                out[i] = (short) SHORT_LE.get(data, p) & 0xFFFF;
            }
        }
    }

    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.BIG_ENDIAN);

    private static void read32(byte[] data, int offset, int[] out, boolean bigEndian) {
        int p = offset;
        for (int i = 0; i < out.length; i++, p += 4) {
            int b0 = data[p] & 0xFF;
            int b1 = data[p + 1] & 0xFF;
            int b2 = data[p + 2] & 0xFF;
            int b3 = data[p + 3] & 0xFF;
            out[i] = bigEndian ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3 : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
        }
    }

    /**
     * Keeps only the Bits Stored bits that end at High Bit (garbage above them — overlay planes in old files — is
     * dropped) and sign-extends signed data from its top stored bit.
     *
     * <p>One exception, for signed data whose high bit is Bits Stored − 1: when every value's bits above the high
     * bit are all zeros or all ones, the writer used the whole word as a two's-complement number, and the value is
     * taken at full width. This is what pydicom (and the conformance manifest) does, and it matters for files whose
     * values overrun Bits Stored (pydicom-data mlut_18: 12 bits stored, values −2048..4095, covered by its Modality
     * LUT). Data written without sign extension (upper bits all zero, stored sign bit set, no negative word
     * anywhere) is still sign-extended from Bits Stored.
     */
    static void normalise(int[] values, PixelDescription d) {
        int shift = d.highBit() + 1 - d.bitsStored();
        int bits = d.bitsStored();
        if (shift == 0 && bits == 32) {
            return;
        }
        int mask = bits == 32 ? -1 : (1 << bits) - 1;
        boolean signed = d.signed() && bits < 32;
        int signBit = 1 << (bits - 1);
        if (signed && shift == 0 && bits < d.bitsAllocated() && usesWholeWord(values, d.bitsAllocated(), mask,
                signBit)) {
            signExtendWholeWord(values, d.bitsAllocated());
            return;
        }
        for (int i = 0; i < values.length; i++) {
            int v = (values[i] >>> shift) & mask;
            if (signed && (v & signBit) != 0) {
                v |= ~mask;
            }
            values[i] = v;
        }
    }

    private static boolean usesWholeWord(int[] values, int bitsAllocated, int mask, int signBit) {
        int wordMask = bitsAllocated == 32 ? -1 : (1 << bitsAllocated) - 1;
        int upper = wordMask & ~mask;
        boolean anyNegativeWord = false;
        boolean unextendedSign = false;
        for (int v : values) {
            int u = v & upper;
            if (u == upper) {
                anyNegativeWord = true;
            } else if (u == 0) {
                unextendedSign |= (v & signBit) != 0;
            } else {
                return false;
            }
        }
        return anyNegativeWord || !unextendedSign;
    }

    private static void signExtendWholeWord(int[] values, int bitsAllocated) {
        int unused = 32 - bitsAllocated;
        for (int i = 0; i < values.length; i++) {
            values[i] = (values[i] << unused) >> unused;
        }
    }

    private static int[] interleave(int[] planes, int samples) {
        int pixels = planes.length / samples;
        int[] out = new int[planes.length];
        for (int s = 0; s < samples; s++) {
            int base = s * pixels;
            for (int p = 0; p < pixels; p++) {
                out[p * samples + s] = planes[base + p];
            }
        }
        return out;
    }

    /** Y1 Y2 Cb Cr per pixel pair → Y1 Cb Cr Y2 Cb Cr; callers reject odd pixel counts, which 4:2:2 cannot hold. */
    private static int[] expand422(int[] raw, int pixels) {
        int[] out = new int[pixels * 3];
        int pairs = pixels / 2;
        for (int k = 0; k < pairs; k++) {
            int in = k * 4;
            int o = k * 6;
            int cb = raw[in + 2];
            int cr = raw[in + 3];
            out[o] = raw[in];
            out[o + 1] = cb;
            out[o + 2] = cr;
            out[o + 3] = raw[in + 1];
            out[o + 4] = cb;
            out[o + 5] = cr;
        }
        return out;
    }
}
