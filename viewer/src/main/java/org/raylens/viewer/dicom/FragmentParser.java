package org.raylens.viewer.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the item structure of encapsulated pixel data (PS3.5 §A.4): the Basic Offset Table item and where each
 * fragment lies. Fragment bytes are never read.
 *
 * <p>As tolerant as GDCM of the damage real writers leave, because a viewer that refuses what every other viewer
 * shows is no use; each repair is local and leaves the fragment bytes untouched:
 * <ul>
 *   <li>a fragment whose declared length runs a few bytes past its data (an odd length rounded up, or a length
 *       that swallowed the first byte of the next tag): the next item or delimiter tag is found up to
 *       {@link #MAX_OVERRUN} bytes back and the fragment is shortened to end there;</li>
 *   <li>a zero-length Item Delimitation Item where a fragment belongs carries nothing and is skipped;</li>
 *   <li>a Sequence Delimitation Item followed by another fragment item is a stray, not the end (at the top level an
 *       item can follow nothing else).</li>
 * </ul>
 * Everything else is refused with a typed error, as before.
 */
final class FragmentParser {
    /** How far back a next tag is looked for; GDCM backtracks up to 10 bytes (LEICA WSI, GENESIS_SIGNA files). */
    static final int MAX_OVERRUN = 10;

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final StreamCursor in;

    FragmentParser(StreamCursor in) {
        this.in = in;
    }

    /** Parses from the cursor (just after the element header of {@code tag}) through the sequence delimiter. */
    BulkData parse(int tag, long valueStart) throws DicomException {
        long[] offsets = null;
        List<BulkData.Fragment> fragments = new ArrayList<>();
        while (true) {
            long itemStart = in.position();
            int itemTag = in.remaining() < 8 ? 0 : peekTag();
            if (itemTag != Tag.Item && itemTag != Tag.SequenceDelimitationItem && itemTag != Tag.ItemDelimitationItem
                    && shortenLastFragment(fragments, itemStart)) {
                continue;
            }
            if (in.remaining() < 8) {
                throw new TruncatedDicomException("encapsulated pixel data without its Sequence Delimitation Item",
                        in.name(), tag, itemStart);
            }
            itemTag = in.tag(false);
            long length = in.u32(false, tag);
            if (itemTag == Tag.SequenceDelimitationItem) {
                if (length == 0 && offsets != null && nextIsItem()) {
                    continue; // a stray delimiter: more fragments follow, and nothing else could
                }
                break;
            }
            if (itemTag == Tag.ItemDelimitationItem && length == 0) {
                continue; // a stray zero-length delimiter carries nothing
            }
            if (itemTag != Tag.Item) {
                throw new MalformedDicomException("expected a fragment item but found " + Tag.toString(itemTag),
                        in.name(), tag, itemStart);
            }
            if (length == UNDEFINED || length > in.remaining()) {
                if (!fragments.isEmpty() || offsets != null) {
                    long end = endOfOverrunningFragment(length);
                    if (end >= 0) {
                        fragments.add(new BulkData.Fragment(itemStart, in.position(), (int) (end - in.position())));
                        in.seek(end);
                        continue;
                    }
                }
                throw new TruncatedDicomException("fragment length " + length + " exceeds the " + in.remaining()
                        + " bytes that remain", in.name(), tag, itemStart);
            }
            if (offsets == null) {
                offsets = parseBasicOffsetTable(tag, length);
                continue;
            }
            if (length > Integer.MAX_VALUE) {
                throw new MalformedDicomException("fragment of " + length + " bytes is too large", in.name(), tag,
                        itemStart);
            }
            fragments.add(new BulkData.Fragment(itemStart, in.position(), (int) length));
            in.skip(length, tag);
        }
        return BulkData.encapsulated(valueStart, offsets == null ? new long[0] : offsets, fragments);
    }

    /**
     * When the tag expected at {@code at} is missing but an item or delimiter tag starts 1..{@link #MAX_OVERRUN}
     * bytes earlier, inside the last fragment, that fragment's length overran its data: shorten it and move back.
     */
    private boolean shortenLastFragment(List<BulkData.Fragment> fragments, long at) throws DicomException {
        if (fragments.isEmpty()) {
            return false;
        }
        BulkData.Fragment last = fragments.get(fragments.size() - 1);
        for (int back = 1; back <= Math.min(MAX_OVERRUN, last.length()); back++) {
            in.seek(at - back);
            if (in.remaining() >= 8 && isDelimiterOrItem(peekTag())) {
                fragments.set(fragments.size() - 1,
                        new BulkData.Fragment(last.itemOffset(), last.dataOffset(), last.length() - back));
                return true;
            }
        }
        in.seek(at);
        return false;
    }

    /**
     * For a fragment (the cursor at its data) whose length runs past the stream: where its data end if a Sequence
     * Delimitation Item lies at most {@link #MAX_OVERRUN} bytes before the end of the stream, else -1.
     */
    private long endOfOverrunningFragment(long declared) throws DicomException {
        long dataStart = in.position();
        long size = in.size();
        if (declared == UNDEFINED || declared - (size - dataStart) > MAX_OVERRUN) {
            return -1;
        }
        for (long end = size - 8; end >= Math.max(dataStart, size - 8 - MAX_OVERRUN); end--) {
            in.seek(end);
            if (peekTag() == Tag.SequenceDelimitationItem) {
                in.seek(dataStart);
                return end;
            }
        }
        in.seek(dataStart);
        return -1;
    }

    private static boolean isDelimiterOrItem(int tag) {
        return tag == Tag.Item || tag == Tag.SequenceDelimitationItem;
    }

    /** The little-endian tag at the cursor, without moving it (needs 4 bytes). */
    private int peekTag() throws DicomException {
        int group = in.peek(0) | in.peek(1) << 8;
        int element = in.peek(2) | in.peek(3) << 8;
        return group << 16 | element;
    }

    private boolean nextIsItem() throws DicomException {
        return in.remaining() >= 8 && peekTag() == Tag.Item;
    }

    private long[] parseBasicOffsetTable(int tag, long length) throws DicomException {
        if (length % 4 != 0) {
            throw new MalformedDicomException("Basic Offset Table length " + length + " is not a multiple of 4",
                    in.name(), tag, in.position());
        }
        long[] offsets = new long[(int) (length / 4)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.u32(false, tag);
        }
        return offsets;
    }
}
