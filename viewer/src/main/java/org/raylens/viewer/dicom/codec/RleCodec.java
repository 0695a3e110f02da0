package org.raylens.viewer.dicom.codec;

import java.util.Set;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * RLE Lossless (1.2.840.10008.1.2.5), PS3.5 Annex G. A frame is a 64-byte header (segment count and up to 15
 * segment offsets, little endian) followed by PackBits segments. Each segment holds one byte plane: for every sample
 * of the pixel (R, G, B…) one segment per byte of Bits Allocated, most significant byte first. Segments are decoded
 * straight into the pixel-interleaved output, so colour is interleaved however the planes were stored, and the
 * colour space is left as stored (RLE never transforms colour).
 *
 * <p>Encoders commonly pad a segment to even length, so a segment that decodes to more bytes than a plane needs is
 * accepted and the excess ignored; one that decodes to fewer is an error.
 */
public final class RleCodec implements PixelCodec {

    private static final int HEADER_BYTES = 64;
    private static final int MAX_SEGMENTS = 15;

    @Override
    public Set<String> transferSyntaxes() {
        return Set.of(TransferSyntax.RLE_LOSSLESS);
    }

    @Override
    public int[] decode(byte[] encoded, PixelDescription description, String transferSyntaxUid)
            throws PixelDataException {
        int samples = SampleOutput.samplesPerFrame(description);
        int bits = description.bitsAllocated();
        if (bits != 8 && bits != 16 && bits != 32) {
            throw CodecErrors.corrupt("RLE Lossless supports Bits Allocated 8, 16 or 32, not " + bits);
        }
        int bytesPerSample = bits / 8;
        int spp = description.samplesPerPixel();
        int expectedSegments = spp * bytesPerSample;
        if (encoded.length < HEADER_BYTES) {
            throw CodecErrors.corrupt("RLE frame of " + encoded.length + " bytes is shorter than its 64-byte header",
                    0);
        }
        int segments = readInt(encoded, 0);
        if (segments != expectedSegments) {
            throw CodecErrors.corrupt("RLE header declares " + Integer.toUnsignedString(segments)
                    + " segments, but " + spp + " samples of " + bits + " bits need " + expectedSegments
                    + (expectedSegments > MAX_SEGMENTS ? " (more than RLE's 15)" : ""), 0);
        }
        long[] offsets = new long[segments + 1];
        for (int s = 0; s < segments; s++) {
            offsets[s] = Integer.toUnsignedLong(readInt(encoded, 4 + 4 * s));
        }
        offsets[segments] = encoded.length;
        if (offsets[0] != HEADER_BYTES) {
            throw CodecErrors.corrupt("RLE first segment starts at byte " + offsets[0] + ", not 64", 4);
        }
        for (int s = 0; s < segments; s++) {
            if (offsets[s + 1] < offsets[s] || offsets[s + 1] > encoded.length) {
                throw CodecErrors.corrupt("RLE segment " + (s + 1) + " offset " + offsets[s + 1]
                        + " is out of order or past the end of the frame (" + encoded.length + " bytes)", 4 + 4L * s);
            }
        }
        int pixels = (int) description.pixelsPerFrame();
        for (int s = 0; s < segments; s++) {
            // PackBits yields at most 128 bytes per 2 encoded bytes: a segment shorter than pixels / 64 cannot hold
            // its plane, so a header declaring a huge image in a small frame fails before the output is allocated.
            if ((offsets[s + 1] - offsets[s]) * 64 < pixels) {
                throw CodecErrors.corrupt("RLE segment " + (s + 1) + " has " + (offsets[s + 1] - offsets[s])
                        + " bytes, too few for the " + pixels + " pixels the header declares", 4 + 4L * s);
            }
        }
        int[] out = new int[samples];
        for (int s = 0; s < segments; s++) {
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            decodeSegment(encoded, (int) offsets[s], (int) offsets[s + 1], out, sample, spp, shift, pixels, s + 1);
        }
        return SampleOutput.toStoredValues(out, description);
    }

    /** PackBits-decodes one byte plane into out[sample], out[sample + spp], … shifted left by {@code shift}. */
    private static void decodeSegment(byte[] in, int start, int end, int[] out, int sample, int spp, int shift,
            int pixels, int segmentNumber) throws PixelDataException {
        int pos = start;
        int o = sample;
        int written = 0;
        while (written < pixels) {
            if (pos >= end) {
                throw CodecErrors.corrupt("RLE segment " + segmentNumber + " ends after " + written + " of "
                        + pixels + " bytes", pos);
            }
            int n = in[pos++];
            if (n >= 0) {
                int count = n + 1;
                if (pos + count > end) {
                    throw CodecErrors.corrupt("RLE literal run in segment " + segmentNumber
                            + " runs past the segment end", pos - 1);
                }
                count = Math.min(count, pixels - written);
                for (int i = 0; i < count; i++, o += spp) {
                    out[o] |= (in[pos + i] & 0xFF) << shift;
                }
                pos += n + 1;
                written += count;
            } else if (n != -128) {
                if (pos >= end) {
                    throw CodecErrors.corrupt("RLE replicate run in segment " + segmentNumber
                            + " has no byte to repeat", pos - 1);
                }
                int value = (in[pos++] & 0xFF) << shift;
                int count = Math.min(1 - n, pixels - written);
                for (int i = 0; i < count; i++, o += spp) {
                    out[o] |= value;
                }
                written += count;
            }
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
