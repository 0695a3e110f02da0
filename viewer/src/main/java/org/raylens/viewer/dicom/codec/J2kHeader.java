package org.raylens.viewer.dicom.codec;

import org.raylens.viewer.dicom.PixelDataException;

/**
 * The image size and components of a JPEG 2000 stream, read from the SIZ marker of the codestream (a raw codestream,
 * or the 'jp2c' box of a JP2 file, which some DICOM writers wrongly embed), so the frame can be checked against the
 * DICOM header before a third-party decoder allocates anything.
 */
record J2kHeader(int width, int height, int components, int[] precision, boolean[] signed) {

    static J2kHeader parse(byte[] b) throws PixelDataException {
        int start = codestreamStart(b);
        if (start + 4 > b.length || u16(b, start) != 0xFF4F || u16(b, start + 2) != 0xFF51) {
            throw CodecErrors.corrupt("JPEG 2000 codestream does not start with SOC and SIZ markers", start);
        }
        int p = start + 4;
        if (p + 38 > b.length) {
            throw CodecErrors.corrupt("JPEG 2000 SIZ marker is truncated", p);
        }
        int lsiz = u16(b, p);
        long xsiz = u32(b, p + 4);
        long ysiz = u32(b, p + 8);
        long xo = u32(b, p + 12);
        long yo = u32(b, p + 16);
        int csiz = u16(b, p + 36);
        if (csiz < 1 || lsiz != 38 + 3 * csiz || p + lsiz > b.length) {
            throw CodecErrors.corrupt("JPEG 2000 SIZ marker with " + csiz + " components is malformed", p);
        }
        long w = xsiz - xo;
        long h = ysiz - yo;
        if (w <= 0 || h <= 0 || w > 65535 || h > 65535) {
            throw CodecErrors.corrupt("JPEG 2000 image size " + w + "×" + h + " is invalid", p);
        }
        int[] precision = new int[csiz];
        boolean[] signed = new boolean[csiz];
        for (int c = 0; c < csiz; c++) {
            int ssiz = b[p + 38 + 3 * c] & 0xFF;
            precision[c] = (ssiz & 0x7F) + 1;
            signed[c] = (ssiz & 0x80) != 0;
            int dx = b[p + 39 + 3 * c] & 0xFF;
            int dy = b[p + 40 + 3 * c] & 0xFF;
            if (dx != 1 || dy != 1) {
                throw CodecErrors.corrupt("JPEG 2000 subsampled components are not supported in DICOM", p);
            }
        }
        return new J2kHeader((int) w, (int) h, csiz, precision, signed);
    }

    /** Offset of the codestream: 0 for a raw codestream, the contents of the 'jp2c' box for a JP2 file. */
    private static int codestreamStart(byte[] b) throws PixelDataException {
        if (b.length >= 12 && u32(b, 0) == 12 && u32(b, 4) == 0x6A502020L) {
            int p = 0;
            while (p + 8 <= b.length) {
                long len = u32(b, p);
                long type = u32(b, p + 4);
                int header = 8;
                if (len == 1) {
                    if (p + 16 > b.length) {
                        break;
                    }
                    len = (u32(b, p + 8) << 32) | u32(b, p + 12);
                    header = 16;
                } else if (len == 0) {
                    len = b.length - p;
                }
                if (type == 0x6A703263L) {
                    return p + header;
                }
                if (len < header || p + len > b.length) {
                    break;
                }
                p += (int) len;
            }
            throw CodecErrors.corrupt("JP2 file has no contiguous codestream box", 0);
        }
        return 0;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
