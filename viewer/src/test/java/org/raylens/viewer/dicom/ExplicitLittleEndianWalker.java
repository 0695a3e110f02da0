package org.raylens.viewer.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately minimal, independent reader of what {@link DicomWriter} produces (Explicit VR Little Endian with
 * defined lengths only), so the writer's tests do not depend on the real parser. It records every element header it
 * passes, nested items included, and fails loudly on anything it does not expect.
 */
public final class ExplicitLittleEndianWalker {

    /** One element as found: depth 0 is the top level (meta group or dataset). */
    public record Found(int depth, int tag, String vr, long length, int valueOffset, byte[] value) {}

    private final ByteBuffer buf;
    public final List<Found> found = new ArrayList<>();

    private ExplicitLittleEndianWalker(byte[] file) {
        this.buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Walks a Part 10 file: checks the preamble and DICM, then reads every element to the end. */
    public static ExplicitLittleEndianWalker walk(byte[] file) {
        for (int i = 0; i < 128; i++) {
            if (file[i] != 0) {
                throw new AssertionError("preamble byte " + i + " is not zero");
            }
        }
        if (file[128] != 'D' || file[129] != 'I' || file[130] != 'C' || file[131] != 'M') {
            throw new AssertionError("no DICM prefix");
        }
        ExplicitLittleEndianWalker w = new ExplicitLittleEndianWalker(file);
        w.elements(132, file.length, 0);
        return w;
    }

    private void elements(int from, int to, int depth) {
        int pos = from;
        while (pos < to) {
            int tag = (buf.getShort(pos) & 0xFFFF) << 16 | (buf.getShort(pos + 2) & 0xFFFF);
            String vr = new String(new byte[] {buf.get(pos + 4), buf.get(pos + 5)});
            VR v = VR.valueOf(vr);
            long length;
            int valueStart;
            if (v.hasLongHeader()) {
                if (buf.getShort(pos + 6) != 0) {
                    throw new AssertionError("reserved bytes not zero at " + pos);
                }
                length = Integer.toUnsignedLong(buf.getInt(pos + 8));
                valueStart = pos + 12;
            } else {
                length = buf.getShort(pos + 6) & 0xFFFF;
                valueStart = pos + 8;
            }
            if (length == 0xFFFFFFFFL) {
                throw new AssertionError("undefined length at " + pos);
            }
            if ((length & 1) != 0) {
                throw new AssertionError("odd length " + length + " for " + Tag.toString(tag));
            }
            int end = Math.toIntExact(valueStart + length);
            if (end > to) {
                throw new AssertionError(Tag.toString(tag) + " overruns its container");
            }
            byte[] value = v == VR.SQ ? null : java.util.Arrays.copyOfRange(buf.array(), valueStart, end);
            found.add(new Found(depth, tag, vr, length, valueStart, value));
            if (v == VR.SQ) {
                int p = valueStart;
                while (p < end) {
                    int itemTag = (buf.getShort(p) & 0xFFFF) << 16 | (buf.getShort(p + 2) & 0xFFFF);
                    if (itemTag != Tag.Item) {
                        throw new AssertionError("expected an item tag at " + p);
                    }
                    int itemLength = buf.getInt(p + 4);
                    if (itemLength < 0) {
                        throw new AssertionError("undefined item length at " + p);
                    }
                    elements(p + 8, p + 8 + itemLength, depth + 1);
                    p += 8 + itemLength;
                }
                if (p != end) {
                    throw new AssertionError("items do not fill the sequence length");
                }
            }
            pos = end;
        }
    }

    public Found first(int tag) {
        return found.stream().filter(f -> f.tag() == tag).findFirst()
                .orElseThrow(() -> new AssertionError("no " + Tag.toString(tag)));
    }

    public List<Found> all(int tag) {
        return found.stream().filter(f -> f.tag() == tag).toList();
    }
}
