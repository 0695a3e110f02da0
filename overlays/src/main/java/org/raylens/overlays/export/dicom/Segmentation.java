package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Writes a segmentation adapter's masks as a DICOM Segmentation (PS3.3 A.51): one frame per segment over the one
 * source frame, BINARY (the mask at the adapter's threshold, 1 bit per pixel) or FRACTIONAL (the probability, 8 bits,
 * 255 = 1.0, Segmentation Fractional Type PROBABILITY). Segments carry the adapter's label, its colour as the
 * recommended display CIELab value, and a coded category and type. Each frame references the source (and its
 * frame, for a multi-frame source) through the Derivation Image functional group; sources in a patient frame of
 * reference also get their position, orientation and spacing ({@link FrameGroups}).
 *
 * <p>A pixel the model did not see (NaN in the mask) is written as 0: not segmented, probability 0.
 */
public final class Segmentation {

    /** Segmentation Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.66.4";

    /**
     * One segment: a mask over the source frame (row-major {@code width × height}, NaN where unseen).
     *
     * @param rgb 0xRRGGBB display colour (the adapter's)
     */
    public record Segment(String label, Code category, Code type, int rgb, int width, int height,
            float[] probability, double threshold) {
        public Segment {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(type, "type");
            if ((long) width * height != probability.length) {
                throw new IllegalArgumentException("mask has " + probability.length + " values, not " + width + "×"
                        + height);
            }
        }

        /**
         * A segment of a mask labelled {@code label}: coded as lung (anatomy) when the label names a lung, else as a
         * generic finding; the label itself stays the Segment Label.
         */
        public static Segment of(String label, int rgb, int width, int height, float[] probability,
                double threshold) {
            boolean lung = label.toLowerCase(java.util.Locale.ROOT).contains("lung");
            return new Segment(label, lung ? Code.ANATOMICAL_STRUCTURE : Code.MORPHOLOGICALLY_ABNORMAL_STRUCTURE,
                    lung ? Code.LUNG : Code.FINDING, rgb, width, height, probability, threshold);
        }
    }

    /** What to write. */
    public record Request(SourceImage source, List<Segment> segments, boolean fractional,
            AlgorithmIdentity algorithm, Linkage linkage, boolean overwrite) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(linkage, "linkage");
            segments = List.copyOf(segments);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("a segmentation needs at least one segment");
            }
        }
    }

    private Segmentation() {}

    /** Builds and writes the SEG; returns the dataset written. */
    public static DicomObject write(Request request, Path target) throws ExportException {
        DicomObject d = build(request, target, ZonedDateTime.now(ZoneId.systemDefault()));
        DerivedHeader.write(d, target, request.overwrite(), "DICOM Segmentation");
        return d;
    }

    static DicomObject build(Request request, Path target, ZonedDateTime now) throws ExportException {
        SourceImage source = request.source();
        DerivedHeader header = new DerivedHeader(source, request.linkage(), now, target);
        for (Segment s : request.segments()) {
            if (s.width() != source.columns() || s.height() != source.rows()) {
                throw new ExportException("the mask '" + s.label() + "' is " + s.width() + "×" + s.height()
                        + " but the source image is " + source.columns() + "×" + source.rows(), target);
            }
        }
        AlgorithmIdentity algorithm = request.algorithm();
        DicomObject d = header.common(SOP_CLASS_UID, "SEG", "RayLens segmentation: " + algorithm.name(), 9200,
                algorithm);
        d.setString(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        SourceImage.PatientGeometry geometry = source.geometry();
        String frameOfReference = header.frameOfReference();
        if (frameOfReference != null) {
            d.setString(DerivedTags.FrameOfReferenceUID, VR.UI, frameOfReference);
            d.setString(DerivedTags.PositionReferenceIndicator, VR.LO, "");
        }
        d.setSequence(Tag.ReferencedSeriesSequence, header.referencedSeries());
        header.patientOrientationWithoutGeometry(d, geometry);
        // Segmentation Image module
        d.setString(DerivedTags.ContentLabel, VR.CS, "RAYLENS_SEG");
        d.setString(DerivedTags.ContentDescription, VR.LO,
                DerivedHeader.clip(algorithm.name() + " on " + algorithm.modelName(), 64));
        // a device made it, not a person: the creator's name stays empty (type 2), RayLens is the equipment
        d.setString(DerivedTags.ContentCreatorName, VR.PN, "");
        d.setString(DerivedTags.SegmentationType, VR.CS, request.fractional() ? "FRACTIONAL" : "BINARY");
        if (request.fractional()) {
            d.setString(DerivedTags.SegmentationFractionalType, VR.CS, "PROBABILITY");
            d.setInts(DerivedTags.MaximumFractionalValue, VR.US, 255);
        }
        List<DicomObject> segments = new ArrayList<>();
        for (int i = 0; i < request.segments().size(); i++) {
            segments.add(segmentItem(request.segments().get(i), i + 1, algorithm));
        }
        d.setSequence(DerivedTags.SegmentSequence, segments);
        int bits = request.fractional() ? 8 : 1;
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, source.rows());
        d.setInts(Tag.Columns, VR.US, source.columns());
        d.setInts(Tag.BitsAllocated, VR.US, bits);
        d.setInts(Tag.BitsStored, VR.US, bits);
        d.setInts(Tag.HighBit, VR.US, bits - 1);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        d.setString(Tag.LossyImageCompression, VR.CS, "00");
        d.setInts(Tag.NumberOfFrames, VR.IS, request.segments().size());
        // Multi-frame functional groups and dimensions: by segment, then (with geometry) by position
        List<int[]> pointers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        pointers.add(new int[] {DerivedTags.ReferencedSegmentNumber, DerivedTags.SegmentIdentificationSequence});
        labels.add("ReferencedSegmentNumber");
        if (geometry != null) {
            pointers.add(new int[] {DerivedTags.ImagePositionPatient, DerivedTags.PlanePositionSequence});
            labels.add("ImagePositionPatient");
        }
        FrameGroups.dimensions(d, pointers, labels);
        d.setSequence(DerivedTags.SharedFunctionalGroupsSequence, List.of(FrameGroups.shared(geometry)));
        List<DicomObject> perFrame = new ArrayList<>();
        for (int i = 0; i < request.segments().size(); i++) {
            int number = i + 1;
            DicomObject groups = geometry == null ? FrameGroups.perFrame(null, number)
                    : FrameGroups.perFrame(geometry, number, 1);
            groups.setSequence(DerivedTags.DerivationImageSequence, List.of(header.derivationImage(
                    Code.SEGMENTATION, "Segment " + number + " by " + algorithm.name())));
            DicomObject identification = DerivedHeader.item();
            identification.setInts(DerivedTags.ReferencedSegmentNumber, VR.US, number);
            groups.setSequence(DerivedTags.SegmentIdentificationSequence, List.of(identification));
            perFrame.add(groups);
        }
        d.setSequence(DerivedTags.PerFrameFunctionalGroupsSequence, perFrame);
        d.setBytes(Tag.PixelData, VR.OB,
                request.fractional() ? fractionalFrames(request.segments()) : binaryFrames(request.segments()));
        return d;
    }

    private static DicomObject segmentItem(Segment s, int number, AlgorithmIdentity algorithm) {
        DicomObject item = DerivedHeader.item();
        item.setInts(DerivedTags.SegmentNumber, VR.US, number);
        item.setString(DerivedTags.SegmentLabel, VR.LO, DerivedHeader.clip(s.label(), 64));
        item.setString(DerivedTags.SegmentDescription, VR.ST, DerivedHeader.clip(
                s.label() + " from " + algorithm.name() + " (threshold " + s.threshold() + "); model "
                        + algorithm.modelName() + " " + algorithm.version(), 1024));
        item.setString(DerivedTags.SegmentAlgorithmType, VR.CS, "AUTOMATIC");
        item.setString(DerivedTags.SegmentAlgorithmName, VR.LO, DerivedHeader.clip(algorithm.name(), 64));
        item.setSequence(DerivedTags.SegmentedPropertyCategoryCodeSequence, List.of(s.category().item()));
        item.setSequence(DerivedTags.SegmentedPropertyTypeCodeSequence, List.of(s.type().item()));
        item.setInts(DerivedTags.RecommendedDisplayCIELabValue, VR.US, CieLab.scaled(s.rgb()));
        return item;
    }

    /**
     * BINARY frames: pixels at or above the segment's threshold are 1, packed 8 to a byte with the first pixel in
     * the least significant bit, frames following each other without padding (PS3.5 8.1.1, PS3.3 C.8.20.2.1).
     */
    static byte[] binaryFrames(List<Segment> segments) {
        int pixels = segments.get(0).probability().length;
        long totalBits = (long) pixels * segments.size();
        byte[] out = new byte[(int) ((totalBits + 7) / 8)];
        long bit = 0;
        for (Segment s : segments) {
            float[] p = s.probability();
            for (float v : p) {
                if (v >= s.threshold()) { // NaN compares false: unseen pixels are not segmented
                    out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
                bit++;
            }
        }
        return out;
    }

    /** FRACTIONAL frames: round(probability × 255), NaN as 0. */
    static byte[] fractionalFrames(List<Segment> segments) {
        int pixels = segments.get(0).probability().length;
        byte[] out = new byte[pixels * segments.size()];
        int i = 0;
        for (Segment s : segments) {
            for (float v : s.probability()) {
                float c = Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
                out[i++] = (byte) Math.round(c * 255);
            }
        }
        return out;
    }
}
