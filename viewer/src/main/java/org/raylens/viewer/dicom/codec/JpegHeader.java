package org.raylens.viewer.dicom.codec;

import org.raylens.viewer.dicom.PixelDataException;

/**
 * What RayLens needs to know about a JPEG (ISO 10918-1) stream before handing it to a third-party decoder: the
 * frame geometry from the SOF marker (checked against the DICOM header so a corrupt stream cannot make the decoder
 * allocate an image larger than the one declared), the process, and the markers that decide the colour space
 * (JFIF APP0, Adobe APP14 transform flag, component identifiers).
 */
record JpegHeader(int sofMarker, int precision, int rows, int columns, int[] componentIds, boolean jfif,
        int adobeTransform, boolean hasScan, boolean unsubsampled) {

    /** No Adobe APP14 segment. */
    static final int NO_ADOBE = -1;

    static JpegHeader parse(byte[] b) throws PixelDataException {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            throw CodecErrors.corrupt("JPEG stream does not start with an SOI marker", 0);
        }
        int pos = 2;
        int sof = -1;
        int precision = 0;
        int rows = 0;
        int columns = 0;
        int[] ids = new int[0];
        boolean unsubsampled = true;
        boolean jfif = false;
        int adobe = NO_ADOBE;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                throw CodecErrors.corrupt(String.format("expected a JPEG marker, found byte %02X", b[pos] & 0xFF),
                        pos);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            int length = u16(b, pos + 2);
            int seg = pos + 4;
            int segEnd = pos + 2 + length;
            if (length < 2 || segEnd > b.length) {
                throw CodecErrors.corrupt(String.format("JPEG marker FF%02X segment length %d runs past the data",
                        marker, length), pos);
            }
            if (isSof(marker)) {
                if (sof != -1) {
                    throw CodecErrors.corrupt("JPEG stream has more than one frame header", pos);
                }
                if (length < 8) {
                    throw CodecErrors.corrupt("JPEG frame header is truncated", pos);
                }
                sof = marker;
                precision = b[seg] & 0xFF;
                rows = u16(b, seg + 1);
                columns = u16(b, seg + 3);
                int nf = b[seg + 5] & 0xFF;
                if (length < 8 + 3 * nf) {
                    throw CodecErrors.corrupt("JPEG frame header is too short for " + nf + " components", pos);
                }
                ids = new int[nf];
                for (int i = 0; i < nf; i++) {
                    ids[i] = b[seg + 6 + 3 * i] & 0xFF;
                    unsubsampled &= (b[seg + 7 + 3 * i] & 0xFF) == 0x11;
                }
            } else if (marker == 0xE0 && length >= 7 && b[seg] == 'J' && b[seg + 1] == 'F' && b[seg + 2] == 'I'
                    && b[seg + 3] == 'F' && b[seg + 4] == 0) {
                jfif = true;
            } else if (marker == 0xEE && length >= 14 && b[seg] == 'A' && b[seg + 1] == 'd' && b[seg + 2] == 'o'
                    && b[seg + 3] == 'b' && b[seg + 4] == 'e') {
                adobe = b[seg + 11] & 0xFF;
            } else if (marker == 0xDA) {
                return finish(sof, precision, rows, columns, ids, jfif, adobe, true, unsubsampled);
            }
            pos = segEnd;
        }
        return finish(sof, precision, rows, columns, ids, jfif, adobe, false, unsubsampled);
    }

    private static JpegHeader finish(int sof, int precision, int rows, int columns, int[] ids, boolean jfif,
            int adobe, boolean scan, boolean unsubsampled) throws PixelDataException {
        if (sof == -1) {
            throw CodecErrors.corrupt("JPEG stream has no frame header (SOF marker)");
        }
        if (!scan) {
            throw CodecErrors.corrupt("JPEG stream has no scan (SOS marker)");
        }
        return new JpegHeader(sof, precision, rows, columns, ids, jfif, adobe, scan, unsubsampled);
    }

    private static boolean isSof(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** Lossless processes (SOF3, SOF7, SOF11, SOF15) never transform colour. */
    boolean lossless() {
        return sofMarker == 0xC3 || sofMarker == 0xC7 || sofMarker == 0xCB || sofMarker == 0xCF;
    }

    /**
     * Whether the encoder converted RGB to YCbCr, by the rules libjpeg (and so GDCM and dcmtk) apply, in its order:
     * a JFIF marker says yes; else an Adobe transform of 0 says no and any other value yes; without either, three components are
     * YCbCr unless their identifiers are 'R', 'G', 'B'.
     */
    boolean colourTransformed() {
        if (componentIds.length != 3 || lossless()) {
            return false;
        }
        if (jfif) {
            return true;
        }
        if (adobeTransform != NO_ADOBE) {
            return adobeTransform != 0;
        }
        return !(componentIds[0] == 'R' && componentIds[1] == 'G' && componentIds[2] == 'B');
    }
}
