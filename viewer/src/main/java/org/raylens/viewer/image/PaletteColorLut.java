package org.raylens.viewer.image;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/**
 * PALETTE COLOR (PS3.3 C.7.6.3.1.5): three LUTs, red/green/blue, each indexed by the stored value. Entries of 16
 * bits are scaled to 8 for display; tables declared 16-bit whose entries all fit 8 bits (a frequent encoder slip)
 * are read as 8-bit. Segmented palettes are not supported and say so.
 */
public record PaletteColorLut(LookupTable red, LookupTable green, LookupTable blue) {

    public static PaletteColorLut of(DicomObject ds, boolean signed, Path file) throws PixelDataException {
        if (!ds.contains(Tag.RedPaletteColorLookupTableData)
                && ds.contains(Tag.SegmentedRedPaletteColorLookupTableData)) {
            throw new PixelDataException("segmented palette colour lookup tables are not supported", file,
                    Tag.SegmentedRedPaletteColorLookupTableData, DicomException.NO_OFFSET);
        }
        LookupTable red = LookupTable.parse(ds, Tag.RedPaletteColorLookupTableDescriptor,
                Tag.RedPaletteColorLookupTableData, signed, file, "red");
        LookupTable green = LookupTable.parse(ds, Tag.GreenPaletteColorLookupTableDescriptor,
                Tag.GreenPaletteColorLookupTableData, signed, file, "green");
        LookupTable blue = LookupTable.parse(ds, Tag.BluePaletteColorLookupTableDescriptor,
                Tag.BluePaletteColorLookupTableData, signed, file, "blue");
        if (fitsEightBits(red) && fitsEightBits(green) && fitsEightBits(blue)) {
            red = asEightBit(red);
            green = asEightBit(green);
            blue = asEightBit(blue);
        }
        return new PaletteColorLut(red, green, blue);
    }

    private static boolean fitsEightBits(LookupTable t) {
        for (int v : t.data()) {
            if (v > 255) {
                return false;
            }
        }
        return true;
    }

    private static LookupTable asEightBit(LookupTable t) {
        return new LookupTable(t.firstMapped(), 8, t.data(), t.explanation());
    }

    /** Opaque ARGB for stored index {@code index}. */
    public int argb(int index) {
        return 0xFF000000 | (to8(red, index) << 16) | (to8(green, index) << 8) | to8(blue, index);
    }

    public int[] toArgb(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = argb(indices[i]);
        }
        return out;
    }

    private static int to8(LookupTable t, int index) {
        int v = t.lookup(index);
        int max = t.maxOutput();
        return max == 255 ? v : (int) Math.round(v * 255.0 / max);
    }
}
