package org.raylens.viewer.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations for the fuzz tests: rather than flipping random bytes, rewrites the values a reader
 * sizes things by (Number of Frames, Rows, Columns, Bits Allocated, Samples per Pixel) and the item structure of
 * encapsulated Pixel Data (fragment count, item lengths, Basic Offset Table, stray delimiters, trailing bytes).
 * Random bytes almost never produce "NumberOfFrames = 1 000 000 000" with the rest intact; these mutations do, so
 * the checks that must hold such values off before allocation are exercised on every run.
 *
 * <p>Works on little-endian files, explicit or implicit VR, at the top level; {@link #mutate} returns null when the
 * seed lacks what the chosen mutation needs, and the caller falls back to a byte mutation.
 */
public final class StructureMutator {
    private static final String[] HOSTILE_FRAMES = {"1000000000", "2147483647", "2147483648", "99999999999", "0",
        "-1", "65536", "3", "1e9", ""};
    private static final int[] HOSTILE_US = {0, 1, 2, 3, 4, 7, 8, 12, 15, 16, 17, 24, 31, 32, 33, 64, 255,
        0x7FFF, 0x8000, 0xFFFE, 0xFFFF};
    private static final int[] SIZE_TAGS = {Tag.Rows, Tag.Columns, Tag.BitsAllocated, Tag.SamplesPerPixel};
    private static final long[] HOSTILE_LENGTHS = {0, 1, 2, 3, 7, 0xFFFFFFFFL, 0xFFFFFFFEL, 0x7FFFFFFFL, 0x80000000L};

    private StructureMutator() {}

    /** One fragment-level item of encapsulated Pixel Data: where its 8-byte header starts and its value length. */
    private record Item(int start, long length) {}

    /**
     * Applies one structure mutation, describing it in {@code what}; null when the seed has nothing to aim at.
     */
    public static byte[] mutate(byte[] seed, Random random, StringBuilder what) {
        return switch (random.nextInt(3)) {
            case 0 -> setNumberOfFrames(seed, random, what);
            case 1 -> setSizeValue(seed, random, what);
            default -> mutateEncapsulated(seed, random, what);
        };
    }

    /** Replaces (or inserts, before Rows) Number of Frames with a hostile IS value. */
    static byte[] setNumberOfFrames(byte[] b, Random random, StringBuilder what) {
        String text = HOSTILE_FRAMES[random.nextInt(HOSTILE_FRAMES.length)];
        what.append("NumberOfFrames = '").append(text).append("'");
        return withNumberOfFrames(b, text);
    }

    /** {@code b} with Number of Frames set to {@code text} (inserted before Rows when absent), or null. */
    public static byte[] withNumberOfFrames(byte[] b, String text) {
        if ((text.length() & 1) == 1) {
            text = text + " ";
        }
        byte[] value = text.getBytes(StandardCharsets.US_ASCII);
        int at = findElement(b, Tag.NumberOfFrames);
        boolean explicit = isExplicit(b);
        if (at < 0) {
            int rows = findElement(b, Tag.Rows);
            if (rows < 0) {
                return null;
            }
            return splice(b, rows, rows, header(Tag.NumberOfFrames, "IS", value.length, explicit), value);
        }
        // Explicit VR IS has a 16-bit length after the VR letters; implicit VR a 32-bit one: an 8-byte header both.
        long oldLength = explicit ? u16(b, at + 6) : u32(b, at + 4);
        long end = at + 8 + oldLength;
        if (end > b.length) {
            return null;
        }
        return splice(b, at, (int) end, header(Tag.NumberOfFrames, "IS", value.length, explicit), value);
    }

    /** Sets Rows, Columns, Bits Allocated or Samples per Pixel to a hostile unsigned short. */
    static byte[] setSizeValue(byte[] b, Random random, StringBuilder what) {
        int tag = SIZE_TAGS[random.nextInt(SIZE_TAGS.length)];
        int at = findElement(b, tag);
        if (at < 0 || at + 10 > b.length) {
            return null;
        }
        int value = HOSTILE_US[random.nextInt(HOSTILE_US.length)];
        what.append(Tag.toString(tag)).append(" = ").append(value);
        return withUnsignedShort(b, tag, value);
    }

    /** {@code b} with the first value of a top-level US element of group 0028 set to {@code value}, or null. */
    public static byte[] withUnsignedShort(byte[] b, int tag, int value) {
        int at = findElement(b, tag);
        if (at < 0 || at + 10 > b.length) {
            return null;
        }
        byte[] out = b.clone();
        out[at + 8] = (byte) value;
        out[at + 9] = (byte) (value >>> 8);
        return out;
    }

    /** Rewrites the item structure of encapsulated Pixel Data. */
    static byte[] mutateEncapsulated(byte[] b, Random random, StringBuilder what) {
        int first = firstItem(b);
        if (first < 0) {
            return null;
        }
        List<Item> items = items(b, first);
        if (items.size() < 2) {
            return null;
        }
        int f = 1 + random.nextInt(items.size() - 1); // a fragment (item 0 is the Basic Offset Table)
        Item frag = items.get(f);
        int dataStart = frag.start() + 8;
        int dataEnd = (int) (dataStart + frag.length());
        switch (random.nextInt(8)) {
            case 0 -> {
                what.append("duplicate fragment ").append(f);
                return splice(b, dataEnd, dataEnd, Arrays.copyOfRange(b, frag.start(), dataEnd));
            }
            case 1 -> {
                what.append("drop fragment ").append(f);
                return splice(b, frag.start(), dataEnd);
            }
            case 2 -> {
                int cut = frag.length() < 2 ? 0 : (1 + random.nextInt((int) frag.length() - 1)) & ~1;
                what.append("split fragment ").append(f).append(" at ").append(cut);
                byte[] out = splice(b, dataStart + cut, dataStart + cut, itemHeader(0xE000, frag.length() - cut));
                putU32(out, frag.start() + 4, cut);
                return out;
            }
            case 3 -> {
                long length = HOSTILE_LENGTHS[random.nextInt(HOSTILE_LENGTHS.length)];
                what.append("fragment ").append(f).append(" length = ").append(length);
                byte[] out = b.clone();
                putU32(out, frag.start() + 4, length);
                return out;
            }
            case 4 -> {
                int tag = random.nextBoolean() ? 0xE00D : 0xE0DD;
                int at = random.nextBoolean() ? frag.start() : dataStart + random.nextInt((int) frag.length() + 1);
                what.append(String.format("delimiter FFFE,%04X at %d", tag, at));
                return splice(b, at, at, itemHeader(tag, 0));
            }
            case 5 -> {
                int extra = 1 + random.nextInt(9);
                what.append("fragment ").append(f).append(" gets ").append(extra).append(" trailing bytes");
                byte[] garbage = new byte[extra];
                random.nextBytes(garbage);
                byte[] out = splice(b, dataEnd, dataEnd, garbage);
                putU32(out, frag.start() + 4, frag.length() + extra);
                return out;
            }
            case 6 -> {
                int count = new int[] {0, 1, 2, 1000, 1 << 20}[random.nextInt(5)];
                what.append("Basic Offset Table of ").append(count).append(" entries");
                byte[] table = new byte[Math.min(count, 4096) * 4];
                for (int i = 4; i < table.length; i += 4) {
                    putU32(table, i, random.nextBoolean() ? random.nextInt(1 << 16) : 0xFFFFFFF0L);
                }
                Item bot = items.get(0);
                byte[] out = splice(b, bot.start(), (int) (bot.start() + 8 + bot.length()),
                        itemHeader(0xE000, (long) count * 4), table);
                return out;
            }
            default -> {
                Item bot = items.get(0);
                what.append("remove Basic Offset Table item");
                return splice(b, bot.start(), (int) (bot.start() + 8 + bot.length()));
            }
        }
    }

    /** The items from {@code first} up to the sequence delimiter, or as far as they parse. */
    private static List<Item> items(byte[] b, int first) {
        List<Item> out = new ArrayList<>();
        int p = first;
        while (p + 8 <= b.length && u16(b, p) == 0xFFFE && u16(b, p + 2) == 0xE000) {
            long length = u32(b, p + 4);
            if (p + 8 + length > b.length) {
                break;
            }
            out.add(new Item(p, length));
            p += 8 + (int) length;
        }
        return out;
    }

    /** Offset of the first item of undefined-length Pixel Data at the top level, or -1. */
    private static int firstItem(byte[] b) {
        for (int p = b.length - 12; p >= 132; p--) {
            if (u16(b, p) == 0x7FE0 && u16(b, p + 2) == 0x0010) {
                if (b[p + 4] == 'O' && u32(b, p + 8) == 0xFFFFFFFFL) {
                    return p + 12;
                }
                if (u32(b, p + 4) == 0xFFFFFFFFL) {
                    return p + 8;
                }
            }
        }
        return -1;
    }

    /** Offset of a group 0028 element's tag (top level: the first match after the meta group), or -1. */
    private static int findElement(byte[] b, int tag) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        for (int p = 132; p + 8 <= b.length; p++) {
            if (u16(b, p) == group && u16(b, p + 2) == element) {
                return p;
            }
        }
        return -1;
    }

    /** Whether the main dataset is explicit VR: the first element after the meta group has VR letters. */
    private static boolean isExplicit(byte[] b) {
        int rows = findElement(b, Tag.Rows);
        return rows >= 0 && b[rows + 4] == 'U' && b[rows + 5] == 'S';
    }

    private static byte[] header(int tag, String vr, int length, boolean explicit) {
        byte[] h = new byte[8];
        h[0] = (byte) (tag >>> 16);
        h[1] = (byte) (tag >>> 24);
        h[2] = (byte) tag;
        h[3] = (byte) (tag >>> 8);
        if (explicit) {
            h[4] = (byte) vr.charAt(0);
            h[5] = (byte) vr.charAt(1);
            h[6] = (byte) length;
            h[7] = (byte) (length >>> 8);
        } else {
            putU32(h, 4, length);
        }
        return h;
    }

    private static byte[] itemHeader(int element, long length) {
        byte[] h = {(byte) 0xFE, (byte) 0xFF, (byte) element, (byte) (element >>> 8), 0, 0, 0, 0};
        putU32(h, 4, length);
        return h;
    }

    /** {@code b} with [from, to) replaced by the given parts. */
    private static byte[] splice(byte[] b, int from, int to, byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 64);
        out.write(b, 0, from);
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
