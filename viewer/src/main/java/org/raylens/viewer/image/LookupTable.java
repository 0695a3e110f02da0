package org.raylens.viewer.image;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/**
 * A DICOM lookup table (Modality LUT, VOI LUT or one palette channel): {@code entries} output values for the
 * inputs {@code firstMapped .. firstMapped + entries − 1}; inputs outside map to the first or last entry
 * (PS3.3 C.11.1). {@code bitsPerEntry} is the width of the output values, used to normalise them.
 *
 * <p>Descriptor quirks handled ({@link #parse}): 0 entries means 65536; the first mapped value is signed when the
 * input can be negative, whichever of US/SS it was encoded as; 8-bit entries may be packed two per 16-bit word or
 * (a common mistake the standard itself notes) one per word; a declared width smaller than the data's largest value
 * is widened so the table is not clipped.
 */
public record LookupTable(int firstMapped, int bitsPerEntry, int[] data, String explanation) {

    public LookupTable {
        if (data.length == 0) {
            throw new IllegalArgumentException("a lookup table needs at least one entry");
        }
    }

    public int entries() {
        return data.length;
    }

    /** The output value for input {@code x}, clamping outside the mapped range. */
    public int lookup(double x) {
        double index = Math.floor(x) - firstMapped;
        if (index <= 0) {
            return data[0];
        }
        if (index >= data.length - 1) {
            return data[data.length - 1];
        }
        return data[(int) index];
    }

    /** Largest value an entry can take: 2^bits − 1. */
    public int maxOutput() {
        return (int) ((1L << bitsPerEntry) - 1);
    }

    /**
     * Reads a table from an item holding LUT Descriptor, LUT Data and LUT Explanation (Modality / VOI LUT Sequence).
     *
     * @param signedInput true when the values the table is indexed with can be negative
     */
    public static LookupTable parse(DicomObject item, boolean signedInput, Path file) throws PixelDataException {
        return parse(item, Tag.LUTDescriptor, Tag.LUTData, signedInput, file, item.getString(Tag.LUTExplanation));
    }

    /** Reads a table from any descriptor / data tag pair (palette colour channels use their own tags). */
    public static LookupTable parse(DicomObject ds, int descriptorTag, int dataTag, boolean signedInput, Path file,
            String explanation) throws PixelDataException {
        int[] descriptor = ds.getInts(descriptorTag);
        if (descriptor.length < 3) {
            throw error("LUT Descriptor needs 3 values, has " + descriptor.length, ds, descriptorTag, file);
        }
        int entries = descriptor[0] & 0xFFFF;
        if (entries == 0) {
            entries = 65536;
        }
        int first = descriptor[1] & 0xFFFF;
        if (signedInput && first > 0x7FFF) {
            first -= 0x10000;
        }
        int bits = descriptor[2];
        if (bits < 1 || bits > 16) {
            throw error("LUT Descriptor bits per entry must be 1..16, is " + bits, ds, descriptorTag, file);
        }
        DicomElement dataElement = ds.get(dataTag);
        if (dataElement == null || dataElement.value() == null) {
            throw error("LUT Data is missing", ds, dataTag, file);
        }
        int[] data = readEntries(dataElement.value(), entries, bits, ds.bigEndian(), ds, dataTag, file);
        int max = 0;
        for (int v : data) {
            max = Math.max(max, v);
        }
        int effectiveBits = Math.max(bits, 32 - Integer.numberOfLeadingZeros(max));
        return new LookupTable(first, effectiveBits, data, explanation);
    }

    private static int[] readEntries(byte[] raw, int entries, int bits, boolean bigEndian, DicomObject ds, int tag,
            Path file) throws PixelDataException {
        int[] out = new int[entries];
        if (raw.length >= 2L * entries) {
            // One entry per 16-bit word: the normal 16-bit layout, and 8-bit tables written one entry per word.
            int mask = bits <= 8 ? 0xFF : 0xFFFF;
            for (int i = 0; i < entries; i++) {
                int b0 = raw[2 * i] & 0xFF;
                int b1 = raw[2 * i + 1] & 0xFF;
                int word = bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
                out[i] = word & mask;
            }
            return out;
        }
        if (bits <= 8 && raw.length >= entries) {
            // 8-bit entries packed two per word; in a little-endian word that is simply byte order.
            for (int i = 0; i < entries; i++) {
                int index = bigEndian ? i ^ 1 : i;
                out[i] = index < raw.length ? raw[index] & 0xFF : 0;
            }
            return out;
        }
        throw error("LUT Data has " + raw.length + " bytes, too few for " + entries + " entries of " + bits
                + " bits", ds, tag, file);
    }

    private static PixelDataException error(String reason, DicomObject ds, int tag, Path file) {
        DicomElement e = ds.get(tag);
        return new PixelDataException(reason, file, tag, e == null ? DicomException.NO_OFFSET : e.streamOffset());
    }
}
