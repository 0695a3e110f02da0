package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A DICOM Segmentation as read by {@link SegmentationReader}: its segments, the facts of each frame (segment, source
 * image, position) and every frame's stored values (0/1 for BINARY, 0–{@code maxFractionalValue} for FRACTIONAL),
 * held in memory (one byte per pixel). Immutable once read.
 *
 * @param fractionalType "PROBABILITY" or "OCCUPANCY" for fractional segmentations, null for binary ones
 */
public record Segmentation(Path file, String sopInstanceUid, String seriesDescription, String frameOfReferenceUid,
        Type type, String fractionalType, int maxFractionalValue, int rows, int columns, List<Segment> segments,
        List<DerivedFrame> frames, List<byte[]> frameValues) {

    /** Segmentation Type (0062,0001). */
    public enum Type { BINARY, FRACTIONAL }

    public Segmentation {
        segments = List.copyOf(segments);
        frames = List.copyOf(frames);
        frameValues = List.copyOf(frameValues);
    }

    public Optional<Segment> segment(int number) {
        return segments.stream().filter(s -> s.number() == number).findFirst();
    }

    /** The frames lying over {@code image}, matched by Referenced SOP Instance UID and frame, else by position. */
    public List<DerivedFrame> framesOver(SourceImageKey image) {
        return DerivedFrames.over(frames, frameOfReferenceUid, image);
    }

    /**
     * Segment {@code segmentNumber} over {@code image} as fractions 0–1 per pixel (rows × columns, row-major): the
     * union of its frames there (maximum), or empty when none of its frames goes over the image.
     */
    public Optional<float[]> segmentOver(int segmentNumber, SourceImageKey image) {
        List<DerivedFrame> matching = new ArrayList<>();
        for (DerivedFrame f : framesOver(image)) {
            if (f.segmentNumber() == segmentNumber) {
                matching.add(f);
            }
        }
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        float scale = type == Type.BINARY ? 1f : 1f / maxFractionalValue;
        float[] out = new float[rows * columns];
        for (DerivedFrame f : matching) {
            byte[] stored = frameValues.get(f.index());
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], (stored[i] & 0xFF) * scale);
            }
        }
        return Optional.of(out);
    }

    /** Number of pixels set (non-zero) in frame {@code index}. */
    public int setPixels(int index) {
        int n = 0;
        for (byte b : frameValues.get(index)) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }
}
