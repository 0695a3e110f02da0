package org.raylens.viewer.dicom.pixel;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.PixelDescription;

/**
 * Reads and validates the Image Pixel module attributes (PS3.3 C.7.6.3) into a {@link PixelDescription}. Every
 * value is checked before anyone sizes a buffer from it, so a corrupt header fails here with a message naming the
 * tag instead of later with an absurd allocation.
 */
public final class PixelAttributes {
    /** Largest sample count one frame may have: the int[] a frame decodes into must stay addressable. */
    static final long MAX_SAMPLES_PER_FRAME = Integer.MAX_VALUE - 16L;

    private PixelAttributes() {}

    /** Validates the attributes of {@code dataset}; {@code file} only names the file in messages. */
    public static PixelDescription describe(DicomObject dataset, Path file) throws PixelDataException {
        int rows = requiredUnsigned16(dataset, Tag.Rows, file);
        int columns = requiredUnsigned16(dataset, Tag.Columns, file);
        int samples = optionalInt(dataset, Tag.SamplesPerPixel, 1, file);
        if (samples != 1 && samples != 3) {
            throw error("Samples per Pixel must be 1 or 3, is " + samples, file, dataset, Tag.SamplesPerPixel);
        }
        int bitsAllocated = optionalInt(dataset, Tag.BitsAllocated, -1, file);
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw error(bitsAllocated < 0 ? "Bits Allocated is missing"
                    : "Bits Allocated must be 1, 8, 16 or 32, is " + bitsAllocated, file, dataset, Tag.BitsAllocated);
        }
        int bitsStored = optionalInt(dataset, Tag.BitsStored, bitsAllocated, file);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw error("Bits Stored must be 1.." + bitsAllocated + " (Bits Allocated), is " + bitsStored,
                    file, dataset, Tag.BitsStored);
        }
        int highBit = optionalInt(dataset, Tag.HighBit, bitsStored - 1, file);
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw error("High Bit must be " + (bitsStored - 1) + ".." + (bitsAllocated - 1) + ", is " + highBit,
                    file, dataset, Tag.HighBit);
        }
        int representation = optionalInt(dataset, Tag.PixelRepresentation, 0, file);
        if (representation != 0 && representation != 1) {
            throw error("Pixel Representation must be 0 or 1, is " + representation, file, dataset,
                    Tag.PixelRepresentation);
        }
        String photometric = photometric(dataset, samples, file);
        int planar = samples == 1 ? 0 : optionalInt(dataset, Tag.PlanarConfiguration, 0, file);
        if (planar != 0 && planar != 1) {
            throw error("Planar Configuration must be 0 or 1, is " + planar, file, dataset,
                    Tag.PlanarConfiguration);
        }
        int frames = frames(dataset, file);
        long samplesPerFrame = Math.multiplyExact(Math.multiplyExact((long) rows, columns), samples);
        if (samplesPerFrame > MAX_SAMPLES_PER_FRAME) {
            throw error("one frame of " + rows + " x " + columns + " x " + samples
                    + " samples is too large to decode", file, dataset, Tag.Rows);
        }
        return new PixelDescription(rows, columns, frames, samples, bitsAllocated, bitsStored, highBit,
                representation == 1, photometric, planar);
    }

    private static String photometric(DicomObject ds, int samples, Path file) throws PixelDataException {
        String value = ds.getString(Tag.PhotometricInterpretation);
        if (value == null) {
            // Old ACR-NEMA style files omit it; the standard's defaults for the sample count are the only guess.
            return samples == 1 ? "MONOCHROME2" : "RGB";
        }
        String p = value.strip().toUpperCase(java.util.Locale.ROOT);
        boolean single = switch (p) {
            case "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR" -> true;
            case "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_ICT", "YBR_RCT" -> false;
            default -> throw error("unsupported Photometric Interpretation '" + value + "'", file, ds,
                    Tag.PhotometricInterpretation);
        };
        if (single != (samples == 1)) {
            throw error("Photometric Interpretation " + p + " contradicts Samples per Pixel " + samples, file, ds,
                    Tag.PhotometricInterpretation);
        }
        return p;
    }

    private static int frames(DicomObject ds, Path file) throws PixelDataException {
        String text = ds.getString(Tag.NumberOfFrames);
        if (text == null) {
            return 1;
        }
        long n;
        try {
            n = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw error("Number of Frames '" + text + "' is not an integer", file, ds, Tag.NumberOfFrames);
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw error("Number of Frames must be at least 1, is " + n, file, ds, Tag.NumberOfFrames);
        }
        return (int) n;
    }

    private static int requiredUnsigned16(DicomObject ds, int tag, Path file) throws PixelDataException {
        int v = optionalInt(ds, tag, -1, file);
        if (v < 1 || v > 0xFFFF) {
            throw error(v == -1 ? Tag.toString(tag) + " is missing" : "must be 1..65535, is " + v, file, ds, tag);
        }
        return v;
    }

    private static int optionalInt(DicomObject ds, int tag, int fallback, Path file) throws PixelDataException {
        DicomElement e = ds.get(tag);
        if (e == null || e.value() == null || e.value().length == 0) {
            return fallback;
        }
        int[] values = ds.getInts(tag);
        if (values.length == 0) {
            throw error("value is unreadable", file, ds, tag);
        }
        return values[0];
    }

    private static PixelDataException error(String reason, Path file, DicomObject ds, int tag) {
        DicomElement e = ds.get(tag);
        long offset = e == null ? DicomException.NO_OFFSET : e.streamOffset();
        return new PixelDataException(reason, file, tag, offset);
    }
}
