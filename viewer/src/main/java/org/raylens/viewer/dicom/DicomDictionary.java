package org.raylens.viewer.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names, keywords and VRs of the standard DICOM tags (PS3.6), for implicit-VR parsing and for printing. The table is
 * the resource {@code dictionary.tsv}, generated from dcmtk's {@code dicom.dic} by
 * {@code viewer/src/build/generate-dictionary.py}; it is loaded once, on first use, and immutable afterwards.
 *
 * <p>Repeating groups (50xx curves, 60xx overlays, ...) are kept as ranges and matched after the exact tags. Group
 * lengths (gggg,0000) and private creators (gggg,0010-00FF in odd groups) are answered by rule, as PS3.5 §7.2 and
 * §7.8.1 define them, rather than listed.
 */
public final class DicomDictionary {

    /**
     * One dictionary entry. {@code vrCode} is dcmtk's code, which may be ambiguous ("xs" = US or SS, "ox" = OB or
     * OW, "lt" = US or OW, "px" = pixel data, "up" = UL offset, "na" = none); {@code vr} is the VR an implicit-VR
     * reader should assume for it, or null for "na" (items and delimiters).
     */
    public record Entry(String keyword, String vrCode, VR vr, String vm, boolean retired) {
        /** The keyword split into words, as the standard's attribute name reads ("Patient's" apostrophes aside). */
        public String name() {
            StringBuilder sb = new StringBuilder(keyword.length() + 8);
            for (int i = 0; i < keyword.length(); i++) {
                char c = keyword.charAt(i);
                boolean boundary = i > 0 && Character.isUpperCase(c)
                        && (Character.isLowerCase(keyword.charAt(i - 1))
                        || (i + 1 < keyword.length() && Character.isLowerCase(keyword.charAt(i + 1))
                        && Character.isUpperCase(keyword.charAt(i - 1))));
                if (boundary) {
                    sb.append(' ');
                }
                sb.append(c);
            }
            return sb.toString();
        }
    }

    private record Range(int groupLo, int groupHi, char groupParity, int elemLo, int elemHi, char elemParity,
            Entry entry) {
        boolean matches(int group, int element) {
            return group >= groupLo && group <= groupHi && element >= elemLo && element <= elemHi
                    && parityOk(group - groupLo, groupParity) && parityOk(element - elemLo, elemParity);
        }

        /** Even-only ('e') and odd-only ('o') ranges both start on a valid value, so valid values differ by 2. */
        private static boolean parityOk(int delta, char parity) {
            return parity == 'u' || (delta & 1) == 0;
        }
    }

    private static final Entry GROUP_LENGTH = new Entry("GroupLength", "UL", VR.UL, "1", false);
    private static final Entry PRIVATE_CREATOR = new Entry("PrivateCreator", "LO", VR.LO, "1", false);

    private final Map<Integer, Entry> exact;
    private final Map<String, Integer> byKeyword;
    private final List<Range> ranges;

    private DicomDictionary(Map<Integer, Entry> exact, Map<String, Integer> byKeyword, List<Range> ranges) {
        this.exact = exact;
        this.byKeyword = byKeyword;
        this.ranges = ranges;
    }

    /** The standard dictionary, loaded on first call (class-holder idiom: thread-safe and lazy). */
    public static DicomDictionary standard() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final DicomDictionary INSTANCE = load();
    }

    /** The entry for a tag, or null when the tag is not in the standard (e.g. private data elements). */
    public Entry lookup(int tag) {
        Entry e = exact.get(tag);
        if (e != null) {
            return e;
        }
        int group = Tag.group(tag);
        int element = Tag.element(tag);
        if (element == 0) {
            return GROUP_LENGTH;
        }
        if (Tag.isPrivate(tag) && element >= 0x0010 && element <= 0x00FF) {
            return PRIVATE_CREATOR;
        }
        for (Range r : ranges) {
            if (r.matches(group, element)) {
                return r.entry();
            }
        }
        return null;
    }

    /** The VR an implicit-VR reader should assume, or null when unknown. */
    public VR vr(int tag) {
        Entry e = lookup(tag);
        return e == null ? null : e.vr();
    }

    /** The keyword (e.g. "PatientName"), or null when unknown. */
    public String keyword(int tag) {
        Entry e = lookup(tag);
        return e == null ? null : e.keyword();
    }

    /** The attribute name (e.g. "Patient Name"), or null when unknown. */
    public String name(int tag) {
        Entry e = lookup(tag);
        return e == null ? null : e.name();
    }

    /** The tag of a non-repeating keyword, or -1 when no standard tag has it. */
    public int tagOf(String keyword) {
        Integer t = byKeyword.get(keyword);
        return t == null ? -1 : t;
    }

    /** Number of entries (exact and ranges), for tests and diagnostics. */
    public int size() {
        return exact.size() + ranges.size();
    }

    private static DicomDictionary load() {
        Map<Integer, Entry> exact = new HashMap<>(8192);
        Map<String, Integer> byKeyword = new HashMap<>(8192);
        List<Range> ranges = new ArrayList<>();
        try (InputStream in = DicomDictionary.class.getResourceAsStream("dictionary.tsv")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.tsv is missing from the viewer jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                String[] f = line.split("\t", -1);
                Entry entry = new Entry(f[2], f[1], implicitVr(f[1]), f[3], f.length > 4 && f[4].equals("R"));
                String key = f[0];
                if (key.length() == 8) {
                    int tag = (int) Long.parseLong(key, 16);
                    exact.put(tag, entry);
                    byKeyword.putIfAbsent(entry.keyword(), tag);
                } else {
                    ranges.add(parseRange(key, entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dictionary.tsv", e);
        }
        return new DicomDictionary(Map.copyOf(exact), Map.copyOf(byKeyword), List.copyOf(ranges));
    }

    /** "6000-60FF,3000-3000:e" → a range; parity applies to whichever part is a range. */
    private static Range parseRange(String key, Entry entry) {
        char parity = key.charAt(key.length() - 1);
        String[] parts = key.substring(0, key.length() - 2).split(",");
        String[] g = parts[0].split("-");
        String[] e = parts[1].split("-");
        int g0 = Integer.parseInt(g[0], 16);
        int g1 = Integer.parseInt(g[1], 16);
        int e0 = Integer.parseInt(e[0], 16);
        int e1 = Integer.parseInt(e[1], 16);
        return new Range(g0, g1, g0 == g1 ? 'u' : parity, e0, e1, e0 == e1 ? 'u' : parity, entry);
    }

    /** The concrete VR an implicit-VR reader assumes for dcmtk's ambiguous codes (PS3.5 Annex A.1 defaults). */
    static VR implicitVr(String code) {
        return switch (code) {
            case "xs" -> VR.US;
            case "ox", "px", "lt" -> VR.OW;
            case "up" -> VR.UL;
            case "na" -> null;
            default -> VR.valueOf(code);
        };
    }
}
