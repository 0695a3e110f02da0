package org.raylens.viewer.dicom.codec.openjpeg;

import com.sun.jna.Pointer;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Reads a decoded {@code opj_image_t} into pixel-interleaved Java ints, after checking every component against the
 * geometry the caller screened. Offsets are those of openjpeg.h 2.x on LP64 (unchanged since 2.0; checked against
 * 2.5.0 with offsetof): {@code opj_image_t} {numcomps @16, comps @24}; {@code opj_image_comp_t} (64 bytes)
 * {dx @0, dy @4, w @8, h @12, prec @24, sgnd @32, data @48}.
 */
final class OpenJpegImage {

    private static final long IMAGE_NUMCOMPS = 16;
    private static final long IMAGE_COMPS = 24;
    private static final long COMP_SIZE = 64;
    private static final long COMP_DX = 0;
    private static final long COMP_DY = 4;
    private static final long COMP_W = 8;
    private static final long COMP_H = 12;
    private static final long COMP_PREC = 24;
    private static final long COMP_SGND = 32;
    private static final long COMP_DATA = 48;

    private OpenJpegImage() {
    }

    /**
     * The decoded samples, interleaved (c0, c1, c2, c0, …); for signed components the values are OpenJPEG's signed
     * integers, for unsigned ones 0 … 2^prec − 1.
     */
    static int[] samples(Pointer image, int width, int height, int[] precision, boolean[] signed)
            throws PixelDataException {
        int components = image.getInt(IMAGE_NUMCOMPS);
        Pointer comps = image.getPointer(IMAGE_COMPS);
        if (components != precision.length || comps == null) {
            throw CodecErrors.corrupt("OpenJPEG decoded " + components + " components, the codestream declares "
                    + precision.length);
        }
        int pixels = width * height;
        Pointer[] data = new Pointer[components];
        for (int c = 0; c < components; c++) {
            long at = c * COMP_SIZE;
            int w = comps.getInt(at + COMP_W);
            int h = comps.getInt(at + COMP_H);
            int prec = comps.getInt(at + COMP_PREC);
            boolean sgnd = comps.getInt(at + COMP_SGND) != 0;
            data[c] = comps.getPointer(at + COMP_DATA);
            if (w != width || h != height || comps.getInt(at + COMP_DX) != 1 || comps.getInt(at + COMP_DY) != 1
                    || data[c] == null) {
                throw CodecErrors.corrupt("OpenJPEG decoded component " + c + " as " + w + "×" + h
                        + ", the codestream declares " + width + "×" + height);
            }
            if (prec != precision[c] || sgnd != signed[c]) {
                throw CodecErrors.corrupt("OpenJPEG decoded component " + c + " with " + prec + " bits"
                        + (sgnd ? " signed" : "") + ", the codestream declares " + precision[c]);
            }
        }
        int[] out = new int[pixels * components];
        if (components == 1) {
            data[0].read(0, out, 0, pixels);
            return out;
        }
        int[] plane = new int[pixels];
        for (int c = 0; c < components; c++) {
            data[c].read(0, plane, 0, pixels);
            for (int i = 0, j = c; i < pixels; i++, j += components) {
                out[j] = plane[i];
            }
        }
        return out;
    }
}
