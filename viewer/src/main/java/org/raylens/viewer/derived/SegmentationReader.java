package org.raylens.viewer.derived;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;

/**
 * Reads a DICOM Segmentation (PS3.3 A.51): binary (1 bit) and fractional (8 bit) segmentations, multi-frame with
 * Per-Frame and Shared Functional Groups, any number of segments. Each rule the display depends on is checked
 * before pixels are read, and a break of it is a {@link DerivedObjectException} naming the tag: a missing Segment
 * Sequence, a frame count the functional groups disagree with, a bit depth the Segmentation Type forbids, a frame
 * naming a segment that does not exist. Pixel data goes through the viewer's own pixel path (native or a codec).
 *
 * <p>Not read: LABELMAP segmentations (Supplement 243), which are refused with a typed error.
 */
public final class SegmentationReader {

    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    private final PixelCodecRegistry codecs;

    public SegmentationReader(PixelCodecRegistry codecs) {
        this.codecs = codecs;
    }

    public SegmentationReader() {
        this(PixelCodecRegistry.fromServiceLoader());
    }

    public Segmentation read(Path path) throws DicomException {
        try (DicomFile file = DicomReader.read(path)) {
            return read(file);
        } catch (IOException e) {
            throw new DicomException("cannot close the file: " + e.getMessage(), path, DicomException.NO_TAG,
                    DicomException.NO_OFFSET, e);
        }
    }

    /** Reads from a file read in full (with its pixel data); the caller closes it. */
    public Segmentation read(DicomFile file) throws DicomException {
        Path path = file.path();
        DicomObject ds = file.dataset();
        String sopClass = ds.getString(Tag.SOPClassUID);
        if (!SOP_CLASS.equals(sopClass)) {
            throw new DerivedObjectException("not a Segmentation (SOP Class " + sopClass + ")", path,
                    Tag.SOPClassUID);
        }
        Segmentation.Type type = type(ds, path);
        int bits = ds.getInt(Tag.BitsAllocated, -1);
        int expectedBits = type == Segmentation.Type.BINARY ? 1 : 8;
        if (bits != expectedBits) {
            throw new DerivedObjectException("a " + type + " segmentation must have Bits Allocated " + expectedBits
                    + ", has " + (bits < 0 ? "none" : bits), path, Tag.BitsAllocated);
        }
        int maxFractional = 1;
        String fractionalType = null;
        if (type == Segmentation.Type.FRACTIONAL) {
            maxFractional = ds.getInt(DerivedTags.MaximumFractionalValue, -1);
            if (maxFractional < 1 || maxFractional > 255) {
                throw new DerivedObjectException("Maximum Fractional Value must be 1..255, is " + maxFractional,
                        path, DerivedTags.MaximumFractionalValue);
            }
            fractionalType = ds.getString(DerivedTags.SegmentationFractionalType, "PROBABILITY");
        }
        List<Segment> segments = segments(ds, path);
        Set<Integer> numbers = new HashSet<>();
        segments.forEach(s -> numbers.add(s.number()));
        int frameCount = ds.getInt(Tag.NumberOfFrames, 1);
        List<DerivedFrame> frames = DerivedFrames.read(ds, frameCount, path, (perFrame, shared, index) -> {
            DicomObject id = DerivedFrames.group(perFrame, shared, DerivedTags.SegmentIdentificationSequence);
            int n = id == null ? -1 : id.getInt(DerivedTags.ReferencedSegmentNumber, -1);
            if (!numbers.contains(n)) {
                throw new DerivedObjectException("frame " + (index + 1) + (n < 0 ? " names no segment"
                        : " names segment " + n + ", which the Segment Sequence does not define"), path,
                        DerivedTags.ReferencedSegmentNumber);
            }
            return n;
        });
        DicomPixels pixels = DicomPixels.open(file, codecs);
        int rows = pixels.description().rows();
        int columns = pixels.description().columns();
        List<byte[]> values = new ArrayList<>(frameCount);
        for (int i = 0; i < frameCount; i++) {
            int[] stored = pixels.readFrame(i);
            byte[] frame = new byte[stored.length];
            for (int p = 0; p < stored.length; p++) {
                frame[p] = (byte) Math.min(maxFractional, Math.max(0, stored[p]));
            }
            values.add(frame);
        }
        return new Segmentation(path, ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesDescription),
                ds.getString(DerivedTags.FrameOfReferenceUID), type, fractionalType, maxFractional, rows, columns,
                segments, frames, values);
    }

    private static Segmentation.Type type(DicomObject ds, Path path) throws DerivedObjectException {
        String text = ds.getString(DerivedTags.SegmentationType);
        if (text == null) {
            throw new DerivedObjectException("Segmentation Type is missing", path, DerivedTags.SegmentationType);
        }
        try {
            return Segmentation.Type.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DerivedObjectException("Segmentation Type " + text + " is not supported (BINARY or FRACTIONAL)",
                    path, DerivedTags.SegmentationType);
        }
    }

    private static List<Segment> segments(DicomObject ds, Path path) throws DerivedObjectException {
        List<DicomObject> items = ds.getSequence(DerivedTags.SegmentSequence);
        if (items.isEmpty()) {
            throw new DerivedObjectException("the Segment Sequence is missing or empty: no segment to show", path,
                    DerivedTags.SegmentSequence);
        }
        List<Segment> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (DicomObject item : items) {
            int number = item.getInt(DerivedTags.SegmentNumber, -1);
            if (number < 1 || !seen.add(number)) {
                throw new DerivedObjectException(number < 1 ? "a segment has no Segment Number"
                        : "Segment Number " + number + " is used twice", path, DerivedTags.SegmentNumber);
            }
            int[] lab = item.getInts(DerivedTags.RecommendedDisplayCIELabValue);
            int argb = lab.length == 3 ? CieLab.toArgb(lab[0], lab[1], lab[2]) : Segment.fallbackColour(number);
            out.add(new Segment(number, item.getString(DerivedTags.SegmentLabel),
                    item.getText(DerivedTags.SegmentDescription),
                    CodedConcept.first(item, DerivedTags.SegmentedPropertyCategoryCodeSequence),
                    CodedConcept.first(item, DerivedTags.SegmentedPropertyTypeCodeSequence),
                    item.getString(DerivedTags.SegmentAlgorithmType), lab.length == 3 ? lab : null, argb));
        }
        return out;
    }
}
