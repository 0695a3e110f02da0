package org.raylens.viewer.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only DICOM plumbing while the real parser is written on another branch: a minimal explicit VR little endian
 * Part 10 writer for synthetic images, and a scanner that finds Pixel Data in files (native or encapsulated) by its
 * byte pattern. Good enough for dcmtk output and the conformance files; not a parser.
 */
final class TestDicom {

    static final String SOP_SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    private TestDicom() {
    }

    /** Writes an uncompressed explicit VR LE file holding {@code pixels} (already in native byte layout). */
    static void writeNative(Path file, PixelDescription d, byte[] pixels) throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", uid(SOP_SECONDARY_CAPTURE));
        element(meta, 0x0002, 0x0003, "UI", uid("1.2.826.0.1.3680043.8.498.1"));
        element(meta, 0x0002, 0x0010, "UI", uid("1.2.840.10008.1.2.1"));
        element(meta, 0x0002, 0x0012, "UI", uid("1.2.826.0.1.3680043.8.498.2"));
        ByteArrayOutputStream ds = new ByteArrayOutputStream();
        element(ds, 0x0008, 0x0016, "UI", uid(SOP_SECONDARY_CAPTURE));
        element(ds, 0x0008, 0x0018, "UI", uid("1.2.826.0.1.3680043.8.498.1"));
        element(ds, 0x0008, 0x0060, "CS", text("OT"));
        element(ds, 0x0010, 0x0010, "PN", text("Synthetic^Test"));
        element(ds, 0x0010, 0x0020, "LO", text("SYN1"));
        element(ds, 0x0020, 0x000D, "UI", uid("1.2.826.0.1.3680043.8.498.3"));
        element(ds, 0x0020, 0x000E, "UI", uid("1.2.826.0.1.3680043.8.498.4"));
        element(ds, 0x0028, 0x0002, "US", u16(d.samplesPerPixel()));
        element(ds, 0x0028, 0x0004, "CS", text(d.photometric()));
        if (d.samplesPerPixel() > 1) {
            element(ds, 0x0028, 0x0006, "US", u16(d.planarConfiguration()));
        }
        if (d.frames() > 1) {
            element(ds, 0x0028, 0x0008, "IS", text(Integer.toString(d.frames())));
        }
        element(ds, 0x0028, 0x0010, "US", u16(d.rows()));
        element(ds, 0x0028, 0x0011, "US", u16(d.columns()));
        element(ds, 0x0028, 0x0100, "US", u16(d.bitsAllocated()));
        element(ds, 0x0028, 0x0101, "US", u16(d.bitsStored()));
        element(ds, 0x0028, 0x0102, "US", u16(d.highBit()));
        element(ds, 0x0028, 0x0103, "US", u16(d.signed() ? 1 : 0));
        element(ds, 0x7FE0, 0x0010, d.bitsAllocated() > 8 ? "OW" : "OB", pixels);
        ByteArrayOutputStream file0 = new ByteArrayOutputStream();
        file0.write(new byte[128]);
        file0.write("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] m = meta.toByteArray();
        element(file0, 0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(m.length).array());
        file0.write(m);
        file0.write(ds.toByteArray());
        Files.write(file, file0.toByteArray());
    }

    /** Native little-endian bytes of samples for the given bits allocated (8 or 16). */
    static byte[] nativeBytes(int[] samples, int bitsAllocated) {
        if (bitsAllocated == 8) {
            byte[] b = new byte[samples.length + (samples.length & 1)];
            for (int i = 0; i < samples.length; i++) {
                b[i] = (byte) samples[i];
            }
            return b;
        }
        ByteBuffer bb = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            bb.putShort((short) s);
        }
        return bb.array();
    }

    private static void element(ByteArrayOutputStream out, int group, int elem, String vr, byte[] value)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        h.putShort((short) group).putShort((short) elem).put(vr.getBytes(StandardCharsets.US_ASCII));
        boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN");
        if (longForm) {
            h.putShort((short) 0).putInt(value.length);
        } else {
            h.putShort((short) value.length);
        }
        out.write(h.array(), 0, h.position());
        out.write(value);
    }

    private static byte[] uid(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return (b.length & 1) == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] text(String s) {
        return ((s.length() & 1) == 0 ? s : s + " ").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    /** The value of the last native (defined-length) Pixel Data element in a little-endian file. */
    static byte[] nativePixelData(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = b.length - 12; i >= 0; i--) {
            if (isPixelDataTag(b, i) && (b[i + 4] == 'O') && (b[i + 5] == 'W' || b[i + 5] == 'B')) {
                int len = ByteBuffer.wrap(b, i + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (len != -1 && i + 12 + (long) len <= b.length) {
                    return java.util.Arrays.copyOfRange(b, i + 12, i + 12 + len);
                }
            }
        }
        throw new IOException("no native pixel data in " + file);
    }

    private static boolean isPixelDataTag(byte[] b, int i) {
        return (b[i] & 0xFF) == 0xE0 && (b[i + 1] & 0xFF) == 0x7F && (b[i + 2] & 0xFF) == 0x10 && b[i + 3] == 0;
    }

    /** The encapsulated Pixel Data of a little-endian file: offset table and fragments. */
    record Encapsulated(int[] offsets, List<byte[]> fragments) {

        /** The bytes of frame {@code index} of {@code frames}, by the usual rules (BOT, one fragment each, all). */
        byte[] frame(int index, int frames) {
            if (frames == 1) {
                return concat(fragments);
            }
            if (offsets.length == frames) {
                int start = offsets[index];
                int stop = index + 1 < frames ? offsets[index + 1] : Integer.MAX_VALUE;
                List<byte[]> parts = new ArrayList<>();
                int pos = 0;
                for (byte[] f : fragments) {
                    if (pos >= start && pos < stop) {
                        parts.add(f);
                    }
                    pos += 8 + f.length;
                }
                return concat(parts);
            }
            if (fragments.size() == frames) {
                return fragments.get(index);
            }
            // No usable offset table: a frame starts at each fragment that opens with a JPEG SOI / J2K SOC marker.
            List<List<byte[]>> groups = new ArrayList<>();
            for (byte[] f : fragments) {
                boolean start = f.length > 1 && (f[0] & 0xFF) == 0xFF && ((f[1] & 0xFF) == 0xD8 || (f[1] & 0xFF) == 0x4F);
                if (start || groups.isEmpty()) {
                    groups.add(new ArrayList<>());
                }
                groups.get(groups.size() - 1).add(f);
            }
            if (groups.size() == frames) {
                return concat(groups.get(index));
            }
            throw new IllegalStateException("cannot split " + fragments.size() + " fragments into " + frames);
        }

        private static byte[] concat(List<byte[]> parts) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            parts.forEach(p -> o.write(p, 0, p.length));
            return o.toByteArray();
        }
    }

    static Encapsulated encapsulated(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = b.length - 12; i >= 0; i--) {
            if (isPixelDataTag(b, i) && b[i + 4] == 'O' && (b[i + 5] == 'B' || b[i + 5] == 'W')
                    && ByteBuffer.wrap(b, i + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == -1) {
                return items(b, i + 12);
            }
        }
        // implicit VR: tag then undefined length
        for (int i = b.length - 8; i >= 0; i--) {
            if (isPixelDataTag(b, i) && ByteBuffer.wrap(b, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == -1) {
                return items(b, i + 8);
            }
        }
        throw new IOException("no encapsulated pixel data in " + file);
    }

    private static Encapsulated items(byte[] b, int pos) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int[] offsets = null;
        List<byte[]> fragments = new ArrayList<>();
        while (pos + 8 <= b.length) {
            int tag = bb.getInt(pos);
            int len = bb.getInt(pos + 4);
            pos += 8;
            if (tag == 0xE0DDFFFE) {
                break;
            }
            if (tag != 0xE000FFFE || len < 0 || pos + len > b.length) {
                throw new IOException("bad item at " + (pos - 8));
            }
            if (offsets == null) {
                offsets = new int[len / 4];
                for (int k = 0; k < offsets.length; k++) {
                    offsets[k] = bb.getInt(pos + 4 * k);
                }
            } else {
                fragments.add(java.util.Arrays.copyOfRange(b, pos, pos + len));
            }
            pos += len;
        }
        return new Encapsulated(offsets == null ? new int[0] : offsets, fragments);
    }
}
