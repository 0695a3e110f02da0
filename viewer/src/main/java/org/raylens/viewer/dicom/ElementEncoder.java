package org.raylens.viewer.dicom;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Encodes data elements in Explicit VR Little Endian for {@link DicomWriter}: the header for short and long VRs,
 * value padding to even length, and sequences and items with defined lengths computed from their content.
 */
final class ElementEncoder {
    private static final long MAX_LONG_LENGTH = 0xFFFFFFFEL; // 0xFFFFFFFF means "undefined length"
    private static final int MAX_SHORT_LENGTH = 0xFFFF;

    private final OutputStream out;

    ElementEncoder(OutputStream out) {
        this.out = out;
    }

    /** The VR an element is written with: SQ for anything holding items, UN when a reader could not tell. */
    static VR writtenVr(DicomElement e) {
        if (e.isSequence()) {
            return VR.SQ;
        }
        return e.vr() == null ? VR.UN : e.vr();
    }

    /** Value length after padding to even length. */
    static long paddedValueLength(DicomElement e, Path file) throws DicomWriteException {
        if (e.isSequence()) {
            long total = 0;
            for (DicomObject item : e.items()) {
                total += 8 + itemContentLength(item, file);
            }
            return total;
        }
        long n = e.value() == null ? 0 : e.value().length;
        return n + (n & 1);
    }

    private static long itemContentLength(DicomObject item, Path file) throws DicomWriteException {
        long total = 0;
        for (DicomElement e : item.elements()) {
            total += encodedLength(e, file);
        }
        return total;
    }

    /** Header plus padded value length of {@code e}. */
    static long encodedLength(DicomElement e, Path file) throws DicomWriteException {
        return (writtenVr(e).hasLongHeader() ? 12 : 8) + paddedValueLength(e, file);
    }

    /**
     * Refuses what cannot be written correctly: lazily read bulk data (its bytes are not in memory), item and
     * delimiter tags used as elements, lengths that do not fit the VR's length field, binary values whose length
     * is not a multiple of their unit. Recurses into sequence items.
     */
    static void validate(DicomElement e, Path file) throws DicomWriteException {
        if (Tag.group(e.tag()) == 0xFFFE) {
            throw new DicomWriteException("item and delimitation tags cannot be data elements", file, e.tag());
        }
        if (e.isBulkData()) {
            throw new DicomWriteException("the value was read lazily and is not in memory; pass the pixel values "
                    + "to the writer", file, e.tag());
        }
        VR vr = writtenVr(e);
        if (e.isSequence()) {
            for (DicomObject item : e.items()) {
                if (item.bigEndian()) {
                    throw new DicomWriteException("a sequence item read as big endian cannot be written as little "
                            + "endian", file, e.tag());
                }
                for (DicomElement inner : item.elements()) {
                    validate(inner, file);
                }
            }
        } else {
            int unit = unitSize(vr);
            long raw = e.value() == null ? 0 : e.value().length;
            if (unit > 1 && raw % unit != 0) {
                throw new DicomWriteException("value length " + raw + " is not a multiple of " + unit + " as "
                        + vr + " requires", file, e.tag());
            }
        }
        long length = paddedValueLength(e, file);
        if (!vr.hasLongHeader() && length > MAX_SHORT_LENGTH) {
            throw new DicomWriteException("value of " + length + " bytes does not fit the 16-bit length field of "
                    + vr, file, e.tag());
        }
        if (length > MAX_LONG_LENGTH) {
            throw new DicomWriteException("value of " + length + " bytes does not fit a 32-bit length", file,
                    e.tag());
        }
    }

    /** Bytes per value for binary VRs; 1 for text and byte VRs. */
    static int unitSize(VR vr) {
        return switch (vr) {
            case US, SS, OW -> 2;
            case UL, SL, FL, AT, OF, OL -> 4;
            case FD, OD, SV, UV, OV -> 8;
            default -> 1;
        };
    }

    /** The byte odd-length values of {@code vr} are padded with (PS3.5 §6.2): NUL for UI and bytes, else space. */
    static byte padByte(VR vr) {
        return vr.isText() && vr != VR.UI ? (byte) ' ' : 0;
    }

    void write(DicomElement e) throws IOException {
        VR vr = writtenVr(e);
        long length;
        try {
            length = paddedValueLength(e, null);
        } catch (DicomWriteException impossible) {
            throw new IOException(impossible.getMessage(), impossible); // validate() ran before writing started
        }
        writeHeader(out, e.tag(), vr, length);
        if (e.isSequence()) {
            for (DicomObject item : e.items()) {
                long itemLength;
                try {
                    itemLength = itemContentLength(item, null);
                } catch (DicomWriteException impossible) {
                    throw new IOException(impossible.getMessage(), impossible);
                }
                writeTag(out, Tag.Item);
                writeInt(out, (int) itemLength);
                for (DicomElement inner : item.elements()) {
                    write(inner);
                }
            }
            return;
        }
        byte[] value = e.value();
        if (value != null) {
            out.write(value);
            if ((value.length & 1) != 0) {
                out.write(padByte(vr));
            }
        }
    }

    static void writeHeader(OutputStream out, int tag, VR vr, long length) throws IOException {
        writeTag(out, tag);
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.hasLongHeader()) {
            out.write(0);
            out.write(0);
            writeInt(out, (int) length);
        } else {
            writeShort(out, (int) length);
        }
    }

    private static void writeTag(OutputStream out, int tag) throws IOException {
        writeShort(out, Tag.group(tag));
        writeShort(out, Tag.element(tag));
    }

    private static void writeShort(OutputStream out, int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        writeShort(out, v & 0xFFFF);
        writeShort(out, v >>> 16);
    }
}
