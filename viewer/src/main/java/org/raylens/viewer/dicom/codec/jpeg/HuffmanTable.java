package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/** A JPEG Huffman table (ISO 10918-1 Annex C / F.2.2.3) decoded with the canonical max-code method. */
final class HuffmanTable {

    private final int[] maxCode = new int[18];
    private final int[] valOffset = new int[17];
    private final int[] values;

    HuffmanTable(int[] counts, int[] values) throws PixelDataException {
        this.values = values;
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            valOffset[len] = k - code;
            code += counts[len - 1];
            k += counts[len - 1];
            maxCode[len] = counts[len - 1] == 0 ? -1 : code - 1;
            if (code > (1 << len)) {
                throw CodecErrors.corrupt("JPEG Huffman table has more codes of length " + len + " than fit");
            }
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    int decode(JpegBitReader in) throws PixelDataException {
        int code = in.bit();
        for (int len = 1; len <= 16; len++) {
            if (code <= maxCode[len]) {
                int index = valOffset[len] + code;
                if (index < 0 || index >= values.length) {
                    break;
                }
                return values[index];
            }
            code = (code << 1) | in.bit();
        }
        throw CodecErrors.corrupt("JPEG Huffman code matches no table entry", in.position());
    }
}
