package org.raylens.viewer.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Which fragments of encapsulated pixel data make up each frame (PS3.5 §A.4). Tried in order:
 * <ol>
 *   <li>the Basic Offset Table, when it has one offset per frame and each offset starts a fragment;</li>
 *   <li>the Extended Offset Table (7FE0,0001) with its lengths (7FE0,0002), under the same conditions;</li>
 *   <li>one fragment per frame, when the counts agree;</li>
 *   <li>all fragments form the frame, when there is one frame;</li>
 *   <li>when a source is given: fragments that begin with a codestream start marker (JPEG/JPEG-LS SOI FFD8,
 *       JPEG 2000 SOC FF4F, or a JP2 signature box) start frames, if exactly one per frame does.</li>
 * </ol>
 * Anything else is refused with a {@link PixelDataException}.
 */
public final class EncapsulatedFrames {
    /** How the frame boundaries were found, for diagnostics. */
    public enum Source {
        BASIC_OFFSET_TABLE, EXTENDED_OFFSET_TABLE, ONE_FRAGMENT_PER_FRAME, SINGLE_FRAME, CODESTREAM_MARKERS
    }

    private final List<BulkData.Fragment> fragments;
    /** Frame i is fragments [firstFragment[i], firstFragment[i + 1]). */
    private final int[] firstFragment;
    private final Source source;
    private final Path file;

    private EncapsulatedFrames(List<BulkData.Fragment> fragments, int[] firstFragment, Source source, Path file) {
        this.fragments = fragments;
        this.firstFragment = firstFragment;
        this.source = source;
        this.file = file;
    }

    /**
     * Maps frames to fragments.
     *
     * @param dataset the dataset holding the pixel data, for the Extended Offset Table (may be null)
     * @param file    named in errors (may be null)
     */
    public static EncapsulatedFrames of(BulkData bulk, int numberOfFrames, DicomObject dataset, Path file)
            throws PixelDataException {
        try {
            return of(bulk, numberOfFrames, dataset, null, file);
        } catch (PixelDataException e) {
            throw e;
        } catch (DicomException e) {
            throw new PixelDataException(e.reason(), file, e.tag(), e.offset(), e);
        }
    }

    /**
     * As {@link #of(BulkData, int, DicomObject, Path)}, and when no table or count settles it, reads the first
     * bytes of each fragment from {@code source} to find codestream starts (a few bytes per fragment).
     */
    public static EncapsulatedFrames of(BulkData bulk, int numberOfFrames, DicomObject dataset, ByteSource source,
            Path file) throws DicomException {
        if (!bulk.isEncapsulated()) {
            throw new PixelDataException("pixel data is native, not encapsulated", file, Tag.PixelData,
                    bulk.valueOffset());
        }
        List<BulkData.Fragment> fragments = bulk.fragments();
        if (numberOfFrames < 1) {
            throw new PixelDataException("number of frames " + numberOfFrames + " is not positive", file,
                    Tag.NumberOfFrames, DicomException.NO_OFFSET);
        }
        if (fragments.isEmpty()) {
            throw new PixelDataException("encapsulated pixel data has no fragments", file, Tag.PixelData,
                    bulk.valueOffset());
        }
        if (numberOfFrames > fragments.size()) {
            // PS3.5 A.4: every frame is one or more fragments. Checked before any per-frame table is sized, so a
            // declared count of a billion fails here at once instead of allocating gigabytes.
            DicomElement declared = dataset == null ? null : dataset.get(Tag.NumberOfFrames);
            throw new PixelDataException("Number of Frames is " + numberOfFrames + " but the encapsulated pixel data"
                    + " holds only " + fragments.size() + " fragment(s), and each frame needs at least one", file,
                    Tag.NumberOfFrames, declared == null ? bulk.valueOffset() : declared.streamOffset());
        }
        int[] starts = fromOffsets(fragments, bulk.basicOffsetTable(), numberOfFrames);
        if (starts != null) {
            return new EncapsulatedFrames(fragments, starts, Source.BASIC_OFFSET_TABLE, file);
        }
        long[] extended = dataset == null ? null : extendedOffsets(dataset);
        starts = extended == null ? null : fromOffsets(fragments, extended, numberOfFrames);
        if (starts != null) {
            return new EncapsulatedFrames(fragments, starts, Source.EXTENDED_OFFSET_TABLE, file);
        }
        if (fragments.size() == numberOfFrames) {
            int[] oneEach = new int[numberOfFrames + 1];
            for (int i = 0; i <= numberOfFrames; i++) {
                oneEach[i] = i;
            }
            return new EncapsulatedFrames(fragments, oneEach, Source.ONE_FRAGMENT_PER_FRAME, file);
        }
        if (numberOfFrames == 1) {
            return new EncapsulatedFrames(fragments, new int[] {0, fragments.size()}, Source.SINGLE_FRAME, file);
        }
        starts = source == null ? null : fromMarkers(fragments, numberOfFrames, source, file);
        if (starts != null) {
            return new EncapsulatedFrames(fragments, starts, Source.CODESTREAM_MARKERS, file);
        }
        throw new PixelDataException(numberOfFrames + " frames in " + fragments.size()
                + " fragments and no usable offset table: cannot tell where frames start", file, Tag.PixelData,
                bulk.valueOffset());
    }

    /** Offsets are from the first fragment's item tag; each must start a fragment, strictly ascending. */
    private static int[] fromOffsets(List<BulkData.Fragment> fragments, long[] offsets, int numberOfFrames) {
        if (offsets.length != numberOfFrames) {
            return null;
        }
        long base = fragments.get(0).itemOffset();
        int[] starts = new int[numberOfFrames + 1];
        int f = 0;
        for (int frame = 0; frame < numberOfFrames; frame++) {
            long target = base + offsets[frame];
            while (f < fragments.size() && fragments.get(f).itemOffset() < target) {
                f++;
            }
            if (f == fragments.size() || fragments.get(f).itemOffset() != target
                    || (frame > 0 && f <= starts[frame - 1])) {
                return null;
            }
            starts[frame] = f;
        }
        if (starts[0] != 0) {
            return null;
        }
        starts[numberOfFrames] = fragments.size();
        return starts;
    }

    /** Frame starts where fragments begin a codestream, or null unless fragment 0 and exactly one per frame do. */
    private static int[] fromMarkers(List<BulkData.Fragment> fragments, int numberOfFrames, ByteSource source,
            Path file) throws DicomException {
        int[] starts = new int[numberOfFrames + 1];
        int found = 0;
        byte[] head = new byte[8];
        for (int i = 0; i < fragments.size(); i++) {
            BulkData.Fragment f = fragments.get(i);
            if (f.length() < 4) {
                continue;
            }
            int n = Math.min(8, f.length());
            try {
                source.read(f.dataOffset(), head, 0, n);
            } catch (IOException e) {
                throw new DicomException("read failed: " + e.getMessage(), file, Tag.PixelData, f.dataOffset(), e);
            }
            if (startsCodestream(head, n)) {
                if (found == numberOfFrames) {
                    return null;
                }
                starts[found++] = i;
            }
        }
        if (found != numberOfFrames || starts[0] != 0) {
            return null;
        }
        starts[numberOfFrames] = fragments.size();
        return starts;
    }

    private static boolean startsCodestream(byte[] b, int n) {
        int b0 = b[0] & 0xFF;
        int b1 = b[1] & 0xFF;
        if (b0 == 0xFF && (b1 == 0xD8 || b1 == 0x4F)) {
            return true; // JPEG / JPEG-LS SOI, or JPEG 2000 SOC
        }
        return n >= 8 && b0 == 0 && b1 == 0 && b[2] == 0 && b[3] == 0x0C && b[4] == 'j' && b[5] == 'P';
    }

    /** The Extended Offset Table as unsigned 64-bit offsets, or null when absent or not readable. */
    private static long[] extendedOffsets(DicomObject dataset) {
        byte[] table = dataset.getBytes(Tag.ExtendedOffsetTable);
        if (table == null || table.length == 0 || table.length % 8 != 0) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(table)
                .order(dataset.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[table.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getLong();
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }

    public int frameCount() {
        return firstFragment.length - 1;
    }

    public Source source() {
        return source;
    }

    /** The fragments of frame {@code frame} (0-based), in stream order. */
    public List<BulkData.Fragment> fragments(int frame) {
        checkFrame(frame);
        return fragments.subList(firstFragment[frame], firstFragment[frame + 1]);
    }

    /** Total encoded length of a frame, in bytes. */
    public long frameLength(int frame) {
        long total = 0;
        for (BulkData.Fragment f : fragments(frame)) {
            total += f.length();
        }
        return total;
    }

    /** Reads a frame's encoded bytes (its fragments concatenated) from the source the bulk data lies in. */
    public byte[] readFrame(ByteSource source, int frame) throws DicomException {
        long length = frameLength(frame);
        if (length > Integer.MAX_VALUE - 8) {
            throw new PixelDataException("frame " + frame + " is " + length + " bytes, too large", file,
                    Tag.PixelData, fragments(frame).get(0).itemOffset());
        }
        byte[] out = new byte[(int) length];
        int at = 0;
        for (BulkData.Fragment f : fragments(frame)) {
            if (f.dataOffset() + f.length() > source.size()) {
                throw new TruncatedDicomException("fragment runs past the end of the data", file, Tag.PixelData,
                        f.itemOffset());
            }
            try {
                source.read(f.dataOffset(), out, at, f.length());
            } catch (IOException e) {
                throw new DicomException("read failed: " + e.getMessage(), file, Tag.PixelData, f.dataOffset(), e);
            }
            at += f.length();
        }
        return out;
    }

    private void checkFrame(int frame) {
        if (frame < 0 || frame >= frameCount()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount());
        }
    }
}
