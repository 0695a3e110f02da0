package org.raylens.viewer.dicom;

import java.util.List;

/**
 * One data element as parsed: its tag, VR, and either its raw value bytes (in the dataset's byte order, exactly as
 * stored, padding included), or its sequence items, or — for bulk pixel data — only where the value lies in the
 * stream. {@code streamOffset} is the byte offset of the element's value in the parsed stream, for error messages.
 */
public record DicomElement(int tag, VR vr, byte[] value, List<DicomObject> items, BulkData bulkData,
        long streamOffset) {

    public static DicomElement ofValue(int tag, VR vr, byte[] value, long streamOffset) {
        return new DicomElement(tag, vr, value, null, null, streamOffset);
    }

    public static DicomElement ofSequence(int tag, VR vr, List<DicomObject> items, long streamOffset) {
        return new DicomElement(tag, vr, null, List.copyOf(items), null, streamOffset);
    }

    public static DicomElement ofBulkData(int tag, VR vr, BulkData bulkData) {
        return new DicomElement(tag, vr, null, null, bulkData, bulkData.valueOffset());
    }

    public boolean isSequence() {
        return items != null;
    }

    public boolean isBulkData() {
        return bulkData != null;
    }

    /** Length of the value in bytes (0 for sequences). */
    public long length() {
        if (value != null) {
            return value.length;
        }
        return bulkData != null ? bulkData.length() : 0;
    }
}
