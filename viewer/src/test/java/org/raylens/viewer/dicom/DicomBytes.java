package org.raylens.viewer.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Builds DICOM byte streams by hand for parser tests: element headers in any of the three encodings, items and
 * delimiters with defined or undefined lengths, and Part 10 wrapping (preamble, "DICM", meta group). Nothing here
 * uses the reader or a writer, so the tests compare the parser against the standard's layout, not against itself.
 */
public final class DicomBytes {
    public static final long UNDEFINED = 0xFFFFFFFFL;

    private final boolean explicitVr;
    private final boolean bigEndian;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public DicomBytes(boolean explicitVr, boolean bigEndian) {
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    public static DicomBytes explicitLe() {
        return new DicomBytes(true, false);
    }

    public static DicomBytes implicitLe() {
        return new DicomBytes(false, false);
    }

    public static DicomBytes explicitBe() {
        return new DicomBytes(true, true);
    }

    public int size() {
        return out.size();
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    public DicomBytes u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    public DicomBytes u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16) & 0xFFFF);
            u16((int) v & 0xFFFF);
        } else {
            u16((int) v & 0xFFFF);
            u16((int) (v >>> 16) & 0xFFFF);
        }
        return this;
    }

    public DicomBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    public DicomBytes tag(int tag) {
        return u16(tag >>> 16).u16(tag & 0xFFFF);
    }

    /** An element header; for implicit VR the VR is not written. */
    public DicomBytes header(int tag, VR vr, long length) {
        tag(tag);
        if (!explicitVr) {
            return u32(length);
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.hasLongHeader()) {
            return u16(0).u32(length);
        }
        return u16((int) length);
    }

    public DicomBytes element(int tag, VR vr, byte[] value) {
        return header(tag, vr, value.length).raw(value);
    }

    /** A text element, padded to even length with a space (NUL for UI) as PS3.5 §6.2 requires. */
    public DicomBytes text(int tag, VR vr, String value) {
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length % 2 == 1) {
            byte[] padded = java.util.Arrays.copyOf(b, b.length + 1);
            padded[b.length] = (byte) (vr == VR.UI ? 0 : ' ');
            b = padded;
        }
        return element(tag, vr, b);
    }

    public DicomBytes us(int tag, int... values) {
        DicomBytes v = new DicomBytes(explicitVr, bigEndian);
        for (int x : values) {
            v.u16(x);
        }
        return element(tag, VR.US, v.toBytes());
    }

    public DicomBytes item(long length) {
        return tag(Tag.Item).u32(length);
    }

    public DicomBytes itemEnd() {
        return tag(Tag.ItemDelimitationItem).u32(0);
    }

    public DicomBytes sequenceEnd() {
        return tag(Tag.SequenceDelimitationItem).u32(0);
    }

    /** Preamble, "DICM", and a meta group (explicit VR LE) naming {@code transferSyntax}, then {@code dataset}. */
    public static byte[] part10(String transferSyntax, byte[] dataset) {
        DicomBytes meta = explicitLe();
        meta.element(0x00020001 /* File Meta Information Version */, VR.OB, new byte[] {0, 1});
        meta.text(Tag.MediaStorageSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        meta.text(Tag.MediaStorageSOPInstanceUID, VR.UI, "1.2.3.4");
        meta.text(Tag.TransferSyntaxUID, VR.UI, transferSyntax);
        byte[] group = meta.toBytes();
        DicomBytes file = explicitLe();
        file.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
        file.element(Tag.FileMetaInformationGroupLength, VR.UL, le32(group.length));
        file.raw(group).raw(dataset);
        return file.toBytes();
    }

    public static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Raw deflate (RFC 1951, no zlib header), as PS3.5 §A.5 requires. */
    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }
}
