package org.raylens.viewer.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.BulkData.Fragment;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/**
 * Which encapsulated fragments make up each frame (PS3.5 A.4). In order of trust: the Extended Offset Table, a Basic
 * Offset Table with one entry per frame, one fragment per frame, everything for a single frame, and lastly a split
 * at fragments that open with a codestream start marker (JPEG SOI, JPEG 2000 SOC) — what most readers do for the
 * common "no offset table, frames spanning fragments" files.
 */
final class FragmentFrames {
    private FragmentFrames() {}

    static List<List<Fragment>> split(BulkData bulk, int frames, DicomObject dataset, Path file,
            FragmentPeek peek) throws PixelDataException {
        List<Fragment> fragments = bulk.fragments();
        if (fragments.isEmpty()) {
            throw new PixelDataException("encapsulated Pixel Data holds no fragments", file, Tag.PixelData,
                    bulk.valueOffset());
        }
        long firstItem = fragments.get(0).itemOffset();
        long[] eot = extendedOffsets(dataset);
        if (eot != null && eot.length == frames) {
            return byOffsets(eot, fragments, firstItem, file);
        }
        long[] bot = bulk.basicOffsetTable();
        if (bot.length == frames && frames > 1) {
            return byOffsets(bot, fragments, firstItem, file);
        }
        if (frames == 1) {
            return List.of(fragments);
        }
        if (fragments.size() == frames) {
            List<List<Fragment>> out = new ArrayList<>(frames);
            for (Fragment f : fragments) {
                out.add(List.of(f));
            }
            return out;
        }
        List<List<Fragment>> out = new ArrayList<>();
        for (Fragment f : fragments) {
            if (out.isEmpty() || peek.startsCodestream(f)) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(f);
        }
        if (out.size() != frames) {
            throw new PixelDataException("cannot tell which of " + fragments.size() + " fragments belong to which of "
                    + frames + " frames (no usable offset table)", file, Tag.PixelData, bulk.valueOffset());
        }
        return out;
    }

    /** Tells whether a fragment begins a new codestream; reads a few bytes of it. */
    @FunctionalInterface
    interface FragmentPeek {
        boolean startsCodestream(Fragment fragment) throws PixelDataException;
    }

    private static List<List<Fragment>> byOffsets(long[] offsets, List<Fragment> fragments, long firstItem, Path file)
            throws PixelDataException {
        List<List<Fragment>> out = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            long start = offsets[i];
            long end = i + 1 < offsets.length ? offsets[i + 1] : Long.MAX_VALUE;
            if (end < start) {
                throw new PixelDataException("offset table entries are not ascending at frame " + i, file,
                        Tag.PixelData, firstItem);
            }
            List<Fragment> frame = new ArrayList<>();
            for (Fragment f : fragments) {
                long rel = f.itemOffset() - firstItem;
                if (rel >= start && rel < end) {
                    frame.add(f);
                }
            }
            if (frame.isEmpty()) {
                throw new PixelDataException("offset table entry " + i + " (" + start + ") points at no fragment",
                        file, Tag.PixelData, firstItem);
            }
            out.add(frame);
        }
        return out;
    }

    private static long[] extendedOffsets(DicomObject dataset) {
        byte[] raw = dataset.getBytes(Tag.ExtendedOffsetTable);
        if (raw == null || raw.length == 0 || raw.length % 8 != 0) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(raw).order(dataset.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[raw.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getLong();
        }
        return out;
    }
}
