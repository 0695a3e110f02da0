package org.raylens.viewer.dicom.codec;

import org.raylens.viewer.dicom.PixelDataException;

/**
 * The image size and components of a JPEG 2000 stream, read from the SIZ marker of the codestream (a raw codestream,
 * or the 'jp2c' box of a JP2 file, which some DICOM writers wrongly embed), so the frame can be checked against the
 * DICOM header before a third-party decoder allocates anything. {@code codestreamStart} is where the codestream
 * (SOC) begins: 0, or inside the JP2 wrapper.
 */
record J2kHeader(int width, int height, int components, int[] precision, boolean[] signed, int codestreamStart) {

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
        long xt = u32(b, p + 20);
        long yt = u32(b, p + 24);
        long xto = u32(b, p + 28);
        long yto = u32(b, p + 32);
        if (xt == 0 || yt == 0 || xto > xo || yto > yo) {
            throw CodecErrors.corrupt("JPEG 2000 tile grid is invalid", p);
        }
        long tiles = ceilDiv(xsiz - xto, xt) * ceilDiv(ysiz - yto, yt);
        checkPlausible(b, p + lsiz, tiles, csiz);
        return new J2kHeader((int) w, (int) h, csiz, precision, signed, start);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Rejects main headers whose structure cannot fit in the bytes present, before jj2000 allocates for it: each
     * tile needs an SOT segment (14 bytes) and each packet (layer × resolution × component × tile) at least one
     * byte; decomposition levels are at most 32 and code-blocks at most 4096 samples (ISO 15444-1 A.6.1). A fuzzed
     * layer count of 65 281 in a 250-byte stream otherwise makes the decoder allocate ~100 MB and spin for seconds.
     */
    private static void checkPlausible(byte[] b, int p, long tiles, int components) throws PixelDataException {
        if (tiles * 14 > b.length) {
            throw CodecErrors.corrupt("JPEG 2000 header declares " + tiles + " tiles in " + b.length + " bytes", p);
        }
        while (p + 4 <= b.length) {
            int marker = u16(b, p);
            if (marker == 0xFF90) {
                checkTileParts(b, p);
                return;
            }
            if (marker == 0xFF93 || marker == 0xFFD9) {
                return;
            }
            if ((marker & 0xFF00) != 0xFF00) {
                throw CodecErrors.corrupt(String.format("JPEG 2000 main header has byte %04X where a marker belongs",
                        marker), p);
            }
            int len = u16(b, p + 2);
            if (len < 2 || p + 2 + len > b.length) {
                throw CodecErrors.corrupt(String.format("JPEG 2000 marker %04X segment runs past the data", marker), p);
            }
            int seg = p + 4;
            if (marker == 0xFF52 && len >= 12) { // COD: Scod, progression, layers(2), MCT, levels, xcb, ycb
                checkCoding(b[seg + 5] & 0xFF, b[seg + 6] & 0xFF, b[seg + 7] & 0xFF, p);
                long layers = u16(b, seg + 2);
                long levels = b[seg + 5] & 0xFF;
                if (layers == 0 || layers * (levels + 1) * components * tiles > b.length) {
                    throw CodecErrors.corrupt("JPEG 2000 header declares " + layers + " quality layers and " + levels
                            + " decomposition levels, more packets than the " + b.length + " bytes can hold", p);
                }
            } else if (marker == 0xFF60) {
                throw packedHeaders(p);
            } else if (marker == 0xFF53 && len >= 9) { // COC: component (1 or 2 bytes), Scoc, levels, xcb, ycb
                int c = components < 257 ? 1 : 2;
                checkCoding(b[seg + c + 1] & 0xFF, b[seg + c + 2] & 0xFF, b[seg + c + 3] & 0xFF, p);
            }
            p += 2 + len;
        }
    }

    /**
     * Walks the tile-parts (SOT … SOD, data) and rejects packet data holding 0xFF 0xFF. No valid codestream has
     * it (ISO 15444-1 A.1.1: no two bytes in a packet exceed 0xFF8F), and jj2000's packet-header bit reader, after
     * a stuffed 0xFF byte, reuses its look-ahead byte without reading a new one, so a second 0xFF makes it return
     * one-bits forever. A structure it cannot follow (truncated, odd Psot) is left to the decoder.
     */
    private static void checkTileParts(byte[] b, int p) throws PixelDataException {
        while (p + 12 <= b.length && u16(b, p) == 0xFF90 && u16(b, p + 2) == 10) {
            long psot = u32(b, p + 6);
            int end = psot == 0 || p + psot > b.length ? b.length : (int) (p + psot);
            int q = p + 12;
            while (q + 2 <= end && u16(b, q) != 0xFF93) {
                if (q + 4 > end || (b[q] & 0xFF) != 0xFF) {
                    return;
                }
                int len = u16(b, q + 2);
                if (u16(b, q) == 0xFF61) {
                    throw packedHeaders(q);
                }
                q += 2 + len;
            }
            checkNoFfFf(b, q + 2, end);
            if (end >= b.length) {
                return;
            }
            p = end;
        }
    }

    /**
     * Packed packet headers (PPM/PPT) are refused: jj2000 reads them through a ByteArrayInputStream whose −1 at
     * the end becomes endless one-bits, so a short or damaged packed header hangs the decoder, and DICOM encoders
     * do not write them.
     */
    private static PixelDataException packedHeaders(int at) {
        return CodecErrors.corrupt("JPEG 2000 packed packet headers (PPM/PPT) are not supported", at);
    }

    private static void checkNoFfFf(byte[] b, int from, int to) throws PixelDataException {
        // The pair may straddle the end: the bit reader looks one byte past a stuffed 0xFF, and valid data never
        // end with 0xFF.
        int end = Math.min(to, b.length);
        for (int i = Math.max(0, from); i < end && i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF) {
                int next = b[i + 1] & 0xFF;
                if (next == 0x91) { // SOP marker segment: FF91, Lsop = 4, Nsop (may hold 0xFF bytes)
                    i += 5;
                } else if (next == 0xFF) {
                    throw CodecErrors.corrupt("JPEG 2000 packet data contain 0xFFFF, which no valid codestream has",
                            i);
                }
            }
        }
    }

    private static void checkCoding(int levels, int xcb, int ycb, int at) throws PixelDataException {
        if (levels > 32 || (xcb & 0xF) > 8 || (ycb & 0xF) > 8 || (xcb & 0xF) + (ycb & 0xF) > 8) {
            throw CodecErrors.corrupt("JPEG 2000 coding style (" + levels + " levels, code-block exponents " + xcb
                    + "/" + ycb + ") is outside ISO 15444-1 limits", at);
        }
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
