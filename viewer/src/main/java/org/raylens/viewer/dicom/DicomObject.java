package org.raylens.viewer.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * A DICOM dataset (or sequence item, or file meta group): elements by tag in ascending unsigned order, with typed
 * getters that decode the raw value bytes on demand. Values stay in the byte order they were read in
 * ({@link #bigEndian()}); text is decoded with the dataset's {@link SpecificCharacterSet}, which sequence items
 * inherit from their parent unless they declare their own.
 *
 * <p>Not thread-safe for mutation; once parsed and handed out it is only read.
 */
public final class DicomObject {
    private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
    private final boolean bigEndian;
    private SpecificCharacterSet characterSet;

    public DicomObject(boolean bigEndian, SpecificCharacterSet inherited) {
        this.bigEndian = bigEndian;
        this.characterSet = inherited == null ? SpecificCharacterSet.DEFAULT : inherited;
    }

    /** An empty little-endian dataset with the default character set, for datasets RayLens builds itself. */
    public DicomObject() {
        this(false, SpecificCharacterSet.DEFAULT);
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    public SpecificCharacterSet characterSet() {
        return characterSet;
    }

    public void setCharacterSet(SpecificCharacterSet characterSet) {
        this.characterSet = characterSet;
    }

    public void put(DicomElement element) {
        elements.put(element.tag(), element);
    }

    public DicomElement remove(int tag) {
        return elements.remove(tag);
    }

    public DicomElement get(int tag) {
        return elements.get(tag);
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public int size() {
        return elements.size();
    }

    /** Elements in ascending tag order. */
    public Collection<DicomElement> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    // ---- strings ----------------------------------------------------------------------------------------------

    /** The whole value as text (all values joined with '\'), trailing padding removed; null when absent. */
    public String getText(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return null;
        }
        return stripTrailing(decode(e));
    }

    /** The first value of a string element, trimmed; null when absent or empty. */
    public String getString(int tag) {
        String[] values = getStrings(tag);
        return values.length == 0 || values[0].isEmpty() ? null : values[0];
    }

    public String getString(int tag, String fallback) {
        String s = getString(tag);
        return s == null ? fallback : s;
    }

    /** All values of a string element split on '\' and trimmed; empty when absent. */
    public String[] getStrings(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null || e.value().length == 0) {
            return new String[0];
        }
        String text = decode(e);
        if (e.vr() == VR.LT || e.vr() == VR.ST || e.vr() == VR.UT || e.vr() == VR.UR) {
            return new String[] {stripTrailing(text)};
        }
        String[] parts = text.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip().replace("\0", "");
        }
        return parts;
    }

    private String decode(DicomElement e) {
        if (e.vr() != null && e.vr().usesSpecificCharacterSet()) {
            return characterSet.decode(e.value(), e.vr());
        }
        return new String(e.value(), StandardCharsets.ISO_8859_1);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    /** Integer values of a binary (US, SS, UL, SL, AT) or text (IS, DS) element; empty when absent. */
    public int[] getInts(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return new int[0];
        }
        ByteBuffer bb = ByteBuffer.wrap(e.value()).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n;
        int[] out;
        switch (e.vr()) {
            case US -> {
                n = e.value().length / 2;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bb.getShort() & 0xFFFF;
                }
            }
            case SS -> {
                n = e.value().length / 2;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bb.getShort();
                }
            }
            case UL, SL, AT -> {
                n = e.value().length / 4;
                out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = bb.getInt();
                }
            }
            default -> {
                double[] d = getDoubles(tag);
                out = new int[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (int) Math.round(d[i]);
                }
            }
        }
        return out;
    }

    public int getInt(int tag, int fallback) {
        int[] v = getInts(tag);
        return v.length == 0 ? fallback : v[0];
    }

    /** Floating-point values of a DS, IS, FL, FD or integer element; empty when absent; unparsable values skipped. */
    public double[] getDoubles(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return new double[0];
        }
        ByteBuffer bb = ByteBuffer.wrap(e.value()).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        switch (e.vr()) {
            case FL, OF -> {
                double[] out = new double[e.value().length / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = bb.getFloat();
                }
                return out;
            }
            case FD, OD -> {
                double[] out = new double[e.value().length / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = bb.getDouble();
                }
                return out;
            }
            case US, SS, UL, SL -> {
                int[] ints = getInts(tag);
                double[] out = new double[ints.length];
                for (int i = 0; i < ints.length; i++) {
                    out[i] = e.vr() == VR.UL ? Integer.toUnsignedLong(ints[i]) : ints[i];
                }
                return out;
            }
            default -> {
                String[] parts = getStrings(tag);
                double[] out = new double[parts.length];
                int n = 0;
                for (String p : parts) {
                    try {
                        out[n] = Double.parseDouble(p);
                        n++;
                    } catch (NumberFormatException ignored) {
                        // Malformed DS/IS values are common in the wild; the caller sees the values that parse.
                    }
                }
                return Arrays.copyOf(out, n);
            }
        }
    }

    public double getDouble(int tag, double fallback) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? fallback : v[0];
    }

    public byte[] getBytes(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.value() == null ? null : e.value().clone();
    }

    public List<DicomObject> getSequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : e.items();
    }

    // ---- building (for datasets RayLens writes; always little endian) -----------------------------------------

    /**
     * Sets a text element; values are joined with '\'. Text that the default repertoire cannot hold switches a
     * dataset still on the default character set to UTF-8 and records (0008,0005) ISO_IR 192, so nothing is lost
     * to '?' substitution (ASCII values already set are valid UTF-8 unchanged).
     */
    public DicomObject setString(int tag, VR vr, String... values) {
        requireLittleEndian();
        String joined = String.join("\\", values);
        if (vr.usesSpecificCharacterSet() && characterSet == SpecificCharacterSet.DEFAULT
                && !StandardCharsets.US_ASCII.newEncoder().canEncode(joined)) {
            characterSet = SpecificCharacterSet.UTF_8;
            put(DicomElement.ofValue(Tag.SpecificCharacterSet, VR.CS,
                    SpecificCharacterSet.UTF_8.term().getBytes(StandardCharsets.US_ASCII), DicomException.NO_OFFSET));
        }
        byte[] bytes = vr.usesSpecificCharacterSet() ? characterSet.encode(joined)
                : joined.getBytes(StandardCharsets.US_ASCII);
        put(DicomElement.ofValue(tag, vr, bytes, DicomException.NO_OFFSET));
        return this;
    }

    /** Sets a binary integer element (US, SS, UL, SL) or an IS text element. */
    public DicomObject setInts(int tag, VR vr, int... values) {
        requireLittleEndian();
        ByteBuffer bb;
        switch (vr) {
            case US, SS -> {
                bb = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int v : values) {
                    bb.putShort((short) v);
                }
            }
            case UL, SL, AT -> {
                bb = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int v : values) {
                    bb.putInt(v);
                }
            }
            case IS -> {
                String[] s = new String[values.length];
                for (int i = 0; i < values.length; i++) {
                    s[i] = Integer.toString(values[i]);
                }
                return setString(tag, vr, s);
            }
            default -> throw new IllegalArgumentException("not an integer VR: " + vr);
        }
        put(DicomElement.ofValue(tag, vr, bb.array(), DicomException.NO_OFFSET));
        return this;
    }

    /** Sets a DS element from doubles, formatted to at most 16 characters per value as the standard requires. */
    public DicomObject setDecimals(int tag, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = DecimalString.format(values[i]);
        }
        return setString(tag, VR.DS, s);
    }

    public DicomObject setBytes(int tag, VR vr, byte[] value) {
        requireLittleEndian();
        put(DicomElement.ofValue(tag, vr, value.clone(), DicomException.NO_OFFSET));
        return this;
    }

    public DicomObject setSequence(int tag, List<DicomObject> items) {
        put(DicomElement.ofSequence(tag, VR.SQ, new ArrayList<>(items), DicomException.NO_OFFSET));
        return this;
    }

    private void requireLittleEndian() {
        if (bigEndian) {
            throw new IllegalStateException("datasets read as big endian are read-only");
        }
    }

    @Override
    public String toString() {
        return "DicomObject[" + elements.size() + " elements]";
    }
}
