package org.raylens.viewer.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses data elements, sequences and encapsulated pixel data from a {@link StreamCursor} into {@link DicomObject}s
 * (PS3.5 §7). One instance parses one stream, on one thread.
 *
 * <p>Robustness is the point of this class: every declared length is checked against the bytes that remain (and
 * against the enclosing item's end) before anything is allocated or skipped; nesting is bounded by
 * {@link #MAX_DEPTH}; every loop consumes at least 8 bytes per turn, so no input can make it spin. Pixel Data is
 * never read: it becomes a {@link BulkData} location.
 */
final class DatasetParser {
    /** Deepest sequence nesting accepted; real files rarely pass 6, and recursion must stay far from the stack end. */
    static final int MAX_DEPTH = 64;

    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** (gggg,0010-00FF) in odd groups: Private Creator, always LO. */
    private static final int ITEM = Tag.Item;

    /** How a stretch of the stream is encoded; UN sequences switch to implicit little endian inside (PS3.5 §6.2.2). */
    record Encoding(boolean explicitVr, boolean bigEndian) {
        static final Encoding IMPLICIT_LE = new Encoding(false, false);
        static final Encoding EXPLICIT_LE = new Encoding(true, false);
    }

    private final StreamCursor in;
    private final DicomDictionary dictionary;
    private final boolean headerOnly;

    DatasetParser(StreamCursor in, DicomDictionary dictionary, boolean headerOnly) {
        this.in = in;
        this.dictionary = dictionary;
        this.headerOnly = headerOnly;
    }

    /** Parses the top-level dataset from the cursor's position to the end of the stream (or to Pixel Data). */
    DicomObject parseDataset(Encoding encoding) throws DicomException {
        DicomObject dataset = new DicomObject(encoding.bigEndian(), SpecificCharacterSet.DEFAULT);
        parseElements(dataset, in.size(), false, encoding, 0);
        if (!encoding.explicitVr()) {
            resolvePixelValueVrs(dataset);
        }
        return dataset;
    }

    /**
     * In implicit VR, attributes that hold pixel values (Smallest/Largest Pixel Value, Pixel Padding Value and
     * Range Limit, ...: dictionary VR "US or SS") are signed exactly when Pixel Representation is 1 (PS3.5 Annex A.1;
     * explicit VR files state it). The dictionary default read them as US; re-type them as SS for signed images so
     * their values are right. LUT descriptors are left alone: their first and third values are always unsigned.
     */
    private void resolvePixelValueVrs(DicomObject dataset) {
        if (dataset.getInt(Tag.PixelRepresentation, 0) != 1) {
            return;
        }
        for (DicomElement e : List.copyOf(dataset.elements())) {
            DicomDictionary.Entry entry = dictionary.lookup(e.tag());
            if (e.vr() == VR.US && entry != null && entry.vrCode().equals("xs") && !isLutDescriptor(e.tag())) {
                dataset.put(DicomElement.ofValue(e.tag(), VR.SS, e.value(), e.streamOffset()));
            }
        }
    }

    private static boolean isLutDescriptor(int tag) {
        return tag == Tag.LUTDescriptor || tag == Tag.RedPaletteColorLookupTableDescriptor
                || tag == Tag.GreenPaletteColorLookupTableDescriptor || tag == Tag.BluePaletteColorLookupTableDescriptor
                || (tag >= 0x00281100 && tag <= 0x00281113);
    }

    /**
     * Parses elements into {@code target} until {@code end} (a defined-length item or the stream end) or, when
     * {@code untilDelimiter}, until an Item Delimitation Item.
     */
    private void parseElements(DicomObject target, long end, boolean untilDelimiter, Encoding enc, int depth)
            throws DicomException {
        while (true) {
            long start = in.position();
            if (!untilDelimiter && start >= end) {
                return;
            }
            if (untilDelimiter && in.remaining() < 8) {
                throw new TruncatedDicomException("item without its Item Delimitation Item", in.name(),
                        DicomException.NO_TAG, start);
            }
            if (!untilDelimiter && end - start < 8) {
                if (depth == 0 && allZero(end - start)) {
                    in.seek(end); // trailing NUL padding after the last element: harmless, written by some devices
                    return;
                }
                throw new TruncatedDicomException("only " + (end - start) + " bytes remain, too few for an element",
                        in.name(), DicomException.NO_TAG, start);
            }
            int tag = in.tag(enc.bigEndian());
            if (tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
                long length = in.u32(enc.bigEndian(), tag);
                if (tag == Tag.ItemDelimitationItem && untilDelimiter) {
                    return;
                }
                if (length != 0) {
                    throw new MalformedDicomException("delimiter with non-zero length " + length + " in a dataset",
                            in.name(), tag, start);
                }
                continue; // a stray zero-length delimiter (a known writer bug): it carries nothing, skip it
            }
            if (tag == ITEM) {
                throw new MalformedDicomException("item tag outside a sequence", in.name(), tag, start);
            }
            if (depth == 0 && headerOnly && Integer.compareUnsigned(tag, Tag.PixelData) >= 0) {
                in.seek(start);
                return;
            }
            DicomElement element = parseElement(tag, start, end, untilDelimiter, enc, depth, target);
            if (element != null) {
                target.put(element);
                if (tag == Tag.SpecificCharacterSet) {
                    target.setCharacterSet(SpecificCharacterSet.of(target.getStrings(tag)));
                }
            }
        }
    }

    private boolean allZero(long count) throws DicomException {
        for (int i = 0; i < count; i++) {
            if (in.peek(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private DicomElement parseElement(int tag, long start, long end, boolean untilDelimiter, Encoding enc,
            int depth, DicomObject parent) throws DicomException {
        VR vr;
        long length;
        if (enc.explicitVr()) {
            int b0 = in.u8(tag);
            int b1 = in.u8(tag);
            vr = VR.fromCode(b0, b1);
            if (vr == null) {
                throw new MalformedDicomException(String.format("invalid VR bytes 0x%02X 0x%02X", b0, b1),
                        in.name(), tag, start + 4);
            }
            if (vr.hasLongHeader()) {
                in.u16(enc.bigEndian(), tag); // reserved
                length = in.u32(enc.bigEndian(), tag);
            } else {
                length = in.u16(enc.bigEndian(), tag);
            }
        } else {
            vr = implicitVr(tag);
            length = in.u32(enc.bigEndian(), tag);
        }
        long valueStart = in.position();
        long limit = untilDelimiter ? in.size() : end;

        if (length == UNDEFINED) {
            if (tag == Tag.PixelData) {
                return DicomElement.ofBulkData(tag, vr, parseEncapsulated(tag, valueStart));
            }
            if (vr == VR.SQ) {
                return DicomElement.ofSequence(tag, vr, parseItems(tag, -1, enc, depth, parent), valueStart);
            }
            if (vr == VR.UN) {
                // PS3.5 §6.2.2: UN with undefined length is a sequence encoded in implicit VR little endian.
                return DicomElement.ofSequence(tag, VR.SQ,
                        parseItems(tag, -1, Encoding.IMPLICIT_LE, depth, parent), valueStart);
            }
            if (vr == VR.OB || vr == VR.OW) {
                // Only Pixel Data may be encapsulated; other OB/OW with undefined length is laid out the same way.
                return DicomElement.ofBulkData(tag, vr, parseEncapsulated(tag, valueStart));
            }
            throw new MalformedDicomException("undefined length is not allowed for VR " + vr, in.name(), tag,
                    start);
        }
        if (length > limit - valueStart) {
            if (limit == in.size()) {
                throw new TruncatedDicomException("value length " + length + " exceeds the " + (limit - valueStart)
                        + " bytes that remain", in.name(), tag, valueStart);
            }
            throw new MalformedDicomException("value length " + length + " runs past the end of its item ("
                    + (limit - valueStart) + " bytes left)", in.name(), tag, valueStart);
        }
        if (vr == VR.SQ) {
            return DicomElement.ofSequence(tag, vr, parseItems(tag, valueStart + length, enc, depth, parent),
                    valueStart);
        }
        if (isPixelData(tag) && depth == 0) {
            in.skip(length, tag);
            return DicomElement.ofBulkData(tag, vr, BulkData.nativeData(valueStart, length, enc.bigEndian()));
        }
        if (vr == VR.UN && length >= 8 && looksLikeItem(Encoding.IMPLICIT_LE)
                && (dictionary.vr(tag) == VR.SQ || dictionary.lookup(tag) == null)) {
            // A UN (or unknown private) value that starts with an item tag is an implicit-VR LE sequence whose VR
            // the writer did not know (PS3.5 §6.2.2); if it does not parse as one, keep the bytes as they are.
            DicomElement asSequence = tryItems(tag, valueStart, length, Encoding.IMPLICIT_LE, depth, parent);
            if (asSequence != null) {
                return asSequence;
            }
        }
        return DicomElement.ofValue(tag, vr, in.bytes(length, tag), valueStart);
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
    }

    /** The VR implicit-VR data takes from the dictionary; unknown (private) tags are UN. */
    private VR implicitVr(int tag) {
        VR vr = dictionary.vr(tag);
        return vr == null ? VR.UN : vr;
    }

    private boolean looksLikeItem(Encoding enc) throws DicomException {
        if (in.remaining() < 4) {
            return false;
        }
        int b0 = in.peek(0);
        int b1 = in.peek(1);
        int b2 = in.peek(2);
        int b3 = in.peek(3);
        return enc.bigEndian() ? b0 == 0xFF && b1 == 0xFE && b2 == 0xE0 && b3 == 0x00
                : b0 == 0xFE && b1 == 0xFF && b2 == 0x00 && b3 == 0xE0;
    }

    /**
     * Parses a defined-length value as a sequence, or returns null (cursor back at the value) when it is not one.
     * Used only for values whose VR is unknown, where "is it a sequence?" is a guess the data must confirm.
     */
    private DicomElement tryItems(int tag, long valueStart, long length, Encoding enc, int depth,
            DicomObject parent) throws DicomException {
        try {
            List<DicomObject> items = parseItems(tag, valueStart + length, enc, depth, parent);
            return DicomElement.ofSequence(tag, VR.SQ, items, valueStart);
        } catch (MalformedDicomException notASequence) {
            // Not a sequence after all: the caller keeps the raw bytes, which is what the element declared.
            in.seek(valueStart);
            return null;
        }
    }

    /** Parses sequence items up to {@code end}, or up to a Sequence Delimitation Item when {@code end} is -1. */
    private List<DicomObject> parseItems(int sequenceTag, long end, Encoding enc, int depth, DicomObject parent)
            throws DicomException {
        if (depth + 1 > MAX_DEPTH) {
            throw new MalformedDicomException("sequences nested deeper than " + MAX_DEPTH + " levels", in.name(),
                    sequenceTag, in.position());
        }
        List<DicomObject> items = new ArrayList<>();
        while (true) {
            long start = in.position();
            if (end >= 0 && start >= end) {
                return items;
            }
            if (end >= 0 && end - start < 8) {
                throw new MalformedDicomException("sequence ends " + (end - start) + " bytes into an item header",
                        in.name(), sequenceTag, start);
            }
            if (end < 0 && in.remaining() < 8) {
                throw new TruncatedDicomException("sequence without its Sequence Delimitation Item", in.name(),
                        sequenceTag, start);
            }
            int tag = in.tag(enc.bigEndian());
            long length = in.u32(enc.bigEndian(), tag);
            if (tag == Tag.SequenceDelimitationItem) {
                if (end < 0) {
                    return items;
                }
                continue; // a stray delimiter inside a defined-length sequence carries nothing
            }
            if (tag != ITEM) {
                throw new MalformedDicomException("expected an item in sequence " + Tag.toString(sequenceTag)
                        + " but found " + Tag.toString(tag), in.name(), tag, start);
            }
            DicomObject item = new DicomObject(enc.bigEndian(), parent.characterSet());
            if (length == UNDEFINED) {
                parseElements(item, -1, true, enc, depth + 1);
            } else {
                long itemEnd = in.position() + length;
                long limit = end >= 0 ? end : in.size();
                if (length > limit - in.position()) {
                    throw limit == in.size()
                            ? new TruncatedDicomException("item length " + length + " exceeds the "
                            + (limit - in.position()) + " bytes that remain", in.name(), sequenceTag, start)
                            : new MalformedDicomException("item length " + length + " runs past its sequence",
                            in.name(), sequenceTag, start);
                }
                parseElements(item, itemEnd, false, enc, depth + 1);
            }
            items.add(item);
        }
    }

    /** Records where the items of encapsulated pixel data lie (see {@link FragmentParser}). */
    private BulkData parseEncapsulated(int tag, long valueStart) throws DicomException {
        return new FragmentParser(in).parse(tag, valueStart);
    }
}
