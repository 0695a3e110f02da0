package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * Reads the per-frame facts of an enhanced multi-frame object (SEG, Parametric Map) from its functional groups, and
 * finds the frames that go over a given source image. A per-frame group overrides the shared one (PS3.3 C.7.6.16);
 * the frame count must equal the Per-Frame Functional Groups Sequence's length.
 *
 * <p>Matching prefers the Referenced SOP Instance UID (and Referenced Frame Number) of the Derivation Image Sequence;
 * an object that references none of the image's UIDs is matched by Frame of Reference and Image Position (Patient),
 * as a SEG made from single-frame slices lands on the multi-frame conversion of the same slices.
 */
final class DerivedFrames {

    /** How far apart two Image Positions may be, per axis, and still name the same plane (DS rounding, in mm). */
    static final double POSITION_TOLERANCE_MM = 0.01;

    private DerivedFrames() {
    }

    /** One {@link DerivedFrame} per frame; {@code segmentOf} reads a frame's segment number (0 when none). */
    static List<DerivedFrame> read(DicomObject ds, int frameCount, Path file, SegmentNumberReader segmentOf)
            throws DerivedObjectException {
        List<DicomObject> perFrame = ds.getSequence(DerivedTags.PerFrameFunctionalGroupsSequence);
        if (perFrame.size() != frameCount) {
            throw new DerivedObjectException("Number of Frames is " + frameCount + " but the Per-Frame Functional"
                    + " Groups Sequence has " + perFrame.size() + " item(s)", file,
                    DerivedTags.PerFrameFunctionalGroupsSequence);
        }
        List<DicomObject> sharedItems = ds.getSequence(DerivedTags.SharedFunctionalGroupsSequence);
        DicomObject shared = sharedItems.isEmpty() ? new DicomObject() : sharedItems.get(0);
        List<DerivedFrame> frames = new ArrayList<>(frameCount);
        for (int i = 0; i < frameCount; i++) {
            DicomObject groups = perFrame.get(i);
            frames.add(new DerivedFrame(i, segmentOf.read(groups, shared, i), sources(groups, shared),
                    position(groups, shared)));
        }
        return frames;
    }

    /** Reads the segment number of frame {@code index} from its per-frame or the shared groups. */
    @FunctionalInterface
    interface SegmentNumberReader {
        int read(DicomObject perFrame, DicomObject shared, int index) throws DerivedObjectException;
    }

    /** The item of a functional group macro for this frame: per-frame first, then shared; null when neither. */
    static DicomObject group(DicomObject perFrame, DicomObject shared, int sequenceTag) {
        List<DicomObject> items = perFrame.getSequence(sequenceTag);
        if (items.isEmpty()) {
            items = shared.getSequence(sequenceTag);
        }
        return items.isEmpty() ? null : items.get(0);
    }

    private static List<SourceFrameRef> sources(DicomObject perFrame, DicomObject shared) {
        List<DicomObject> derivations = perFrame.getSequence(DerivedTags.DerivationImageSequence);
        if (derivations.isEmpty()) {
            derivations = shared.getSequence(DerivedTags.DerivationImageSequence);
        }
        List<SourceFrameRef> out = new ArrayList<>();
        for (DicomObject derivation : derivations) {
            for (DicomObject source : derivation.getSequence(Tag.SourceImageSequence)) {
                String uid = source.getString(Tag.ReferencedSOPInstanceUID);
                if (uid == null) {
                    continue;
                }
                int[] numbers = source.getInts(DerivedTags.ReferencedFrameNumber);
                if (numbers.length == 0) {
                    out.add(new SourceFrameRef(uid, 0));
                }
                for (int n : numbers) {
                    out.add(new SourceFrameRef(uid, n));
                }
            }
        }
        return out;
    }

    private static double[] position(DicomObject perFrame, DicomObject shared) {
        DicomObject plane = group(perFrame, shared, DerivedTags.PlanePositionSequence);
        double[] p = plane == null ? new double[0] : plane.getDoubles(DerivedTags.ImagePositionPatient);
        return p.length == 3 ? p : null;
    }

    /** The frames of {@code frames} that go over {@code image} (see the class comment for how). */
    static List<DerivedFrame> over(List<DerivedFrame> frames, String frameOfReferenceUid, SourceImageKey image) {
        boolean referencesImage = frames.stream().flatMap(f -> f.sources().stream())
                .anyMatch(r -> r.sopInstanceUid().equals(image.sopInstanceUid()));
        if (referencesImage) {
            return frames.stream().filter(f -> f.derivedFrom(image.sopInstanceUid(), image.frameNumber())).toList();
        }
        if (frameOfReferenceUid == null || !frameOfReferenceUid.equals(image.frameOfReferenceUid())
                || image.position() == null) {
            return List.of();
        }
        return frames.stream().filter(f -> f.liesAt(image.position(), POSITION_TOLERANCE_MM)).toList();
    }
}
