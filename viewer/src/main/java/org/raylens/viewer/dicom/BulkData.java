package org.raylens.viewer.dicom;

import java.util.List;

/**
 * Where a large value (Pixel Data) lies in its {@link ByteSource}, read lazily. Native pixel data is one contiguous
 * range; encapsulated pixel data is the Basic Offset Table (possibly empty) and the fragments that follow it.
 *
 * @param valueOffset offset of the value (native) or of the first item tag (encapsulated) in the source
 * @param length      value length for native data; -1 (undefined) for encapsulated data
 * @param basicOffsetTable offsets from the BOT item, relative to the first fragment's item tag; empty when absent
 * @param fragments   the fragments after the BOT, in stream order; empty for native data
 */
public record BulkData(long valueOffset, long length, boolean bigEndian, long[] basicOffsetTable,
        List<Fragment> fragments) {

    /** One encapsulated fragment: {@code itemOffset} is where its item tag starts, {@code dataOffset} its bytes. */
    public record Fragment(long itemOffset, long dataOffset, int length) {}

    public static BulkData nativeData(long valueOffset, long length, boolean bigEndian) {
        return new BulkData(valueOffset, length, bigEndian, new long[0], List.of());
    }

    public static BulkData encapsulated(long valueOffset, long[] basicOffsetTable, List<Fragment> fragments) {
        return new BulkData(valueOffset, -1, false, basicOffsetTable.clone(), List.copyOf(fragments));
    }

    public boolean isEncapsulated() {
        return length < 0;
    }
}
