package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * A JPEG Huffman table with a 9-bit look-up: codes of up to nine bits (nearly all of them in practice) decode with
 * one table read; longer codes fall back to the canonical max-code search.
 */
final class FastHuffman {

    static final int LOOKUP_BITS = 9;

    /** For each 9-bit prefix: (length << 8) | value, or 0 when the code is longer than nine bits. */
    private final int[] lookup = new int[1 << LOOKUP_BITS];
    private final int[] maxCode = new int[18];
    private final int[] valOffset = new int[17];
    private final int[] values;

    FastHuffman(int[] counts, int[] values) throws PixelDataException {
        this.values = values;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            valOffset[len] = k - code;
            for (int i = 0; i < counts[len - 1]; i++, k++, code++) {
                if (len <= LOOKUP_BITS) {
                    int shift = LOOKUP_BITS - len;
                    for (int fill = 0; fill < (1 << shift); fill++) {
                        lookup[(code << shift) | fill] = (len << 8) | values[k];
                    }
                }
            }
            maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
            if (code > (1 << len)) {
                throw CodecErrors.corrupt("JPEG Huffman table has more codes of length " + len + " than fit");
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    int decode(FastBitReader in) throws PixelDataException {
        int entry = lookup[in.peek(LOOKUP_BITS)];
        if (entry != 0) {
            in.skip(entry >> 8);
            return entry & 0xFF;
        }
        int code = in.peek(LOOKUP_BITS);
        in.skip(LOOKUP_BITS);
        for (int len = LOOKUP_BITS; len <= 16; len++) {
            if (len > LOOKUP_BITS) {
                code = (code << 1) | in.bits(1);
            }
            if (code <= maxCode[len]) {
                int index = valOffset[len] + code;
                if (index >= 0 && index < values.length) {
                    return values[index];
                }
                break;
            }
        }
        throw CodecErrors.corrupt("JPEG Huffman code matches no table entry", in.position());
    }
}
