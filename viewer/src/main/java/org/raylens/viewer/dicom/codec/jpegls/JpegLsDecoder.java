package org.raylens.viewer.dicom.codec.jpegls;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * A pure-Java JPEG-LS (ISO/IEC 14495-1) decoder: reads the marker segments (SOI, SOF55, LSE, DRI, SOS, RSTn, EOI,
 * skipping APPn/COM), then decodes each scan with {@link JpegLsScanDecoder}. Supports 2–16 bit precision, NEAR
 * ≥ 0, interleave modes 0 (one scan per component), 1 (line) and 2 (sample), restart intervals and LSE preset
 * parameters (type 1) and oversize dimensions (type 4). Mapping tables (palettised JPEG-LS), subsampled components
 * and point transforms are rejected with a typed error: DICOM does not use them.
 *
 * <p>Output is the frame's samples pixel-interleaved ({@code out[(y·w + x)·components + c]}), as the encoder saw
 * them: 0 … MAXVAL. No colour transform is applied (DICOM JPEG-LS colour data are RGB).
 */
public final class JpegLsDecoder {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int DNL = 0xDC;

    private final byte[] data;
    private final int end;
    private int pos;

    private int precision;
    private int rows;
    private int columns;
    private int[] componentIds;
    private int lseMaxVal;
    private int lseT1;
    private int lseT2;
    private int lseT3;
    private int lseReset;
    private int restartInterval;
    private int[] out;
    private boolean[] componentDone;

    private JpegLsDecoder(byte[] data, int end) {
        this.data = data;
        this.end = end;
    }

    /**
     * Decodes a complete JPEG-LS stream.
     *
     * @param data             the stream (trailing DICOM padding after EOI is allowed)
     * @param expectedRows     rows the DICOM header declares; the stream must agree
     * @param expectedColumns  columns the DICOM header declares
     * @param expectedSamples  samples per pixel the DICOM header declares
     */
    public static JpegLsFrame decode(byte[] data, int expectedRows, int expectedColumns, int expectedSamples)
            throws PixelDataException {
        JpegLsDecoder d = new JpegLsDecoder(data, data.length);
        d.run(expectedRows, expectedColumns, expectedSamples);
        return new JpegLsFrame(d.out, d.precision, d.rows, d.columns, d.componentIds.length);
    }

    private void run(int expectedRows, int expectedColumns, int expectedSamples) throws PixelDataException {
        if (end < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw CodecErrors.corrupt("JPEG-LS stream does not start with an SOI marker", 0);
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case SOF55 -> readFrameHeader(expectedRows, expectedColumns, expectedSamples);
                case LSE -> readPresetParameters();
                case DRI -> readRestartInterval();
                case SOS -> readScan();
                case EOI -> {
                    finish();
                    return;
                }
                case DNL -> throw CodecErrors.corrupt("JPEG-LS DNL marker (image height after the scan) is not "
                        + "supported", pos - 2);
                default -> {
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw CodecErrors.corrupt(String.format("JPEG frame marker FF%02X in a JPEG-LS stream: this "
                                + "is not JPEG-LS data", marker), pos - 2);
                    }
                    if (marker == SOI || (marker >= 0xD0 && marker <= 0xD7)) {
                        throw CodecErrors.corrupt(String.format("unexpected marker FF%02X", marker), pos - 2);
                    }
                    skipSegment();
                }
            }
        }
    }

    private void finish() throws PixelDataException {
        if (out == null) {
            throw CodecErrors.corrupt("JPEG-LS stream ends without a frame header", pos);
        }
        for (int c = 0; c < componentDone.length; c++) {
            if (!componentDone[c]) {
                throw CodecErrors.corrupt("JPEG-LS stream ends before component " + componentIds[c] + " was coded",
                        pos);
            }
        }
    }

    /** Finds the next marker at pos (skipping 0xFF fill bytes) and returns its code, leaving pos after it. */
    private int nextMarker() throws PixelDataException {
        if (pos >= end) {
            if (out != null && allDone()) {
                return EOI; // tolerate a missing EOI after complete scans
            }
            throw CodecErrors.corrupt("JPEG-LS stream ends before the EOI marker", pos);
        }
        if ((data[pos] & 0xFF) != 0xFF) {
            throw CodecErrors.corrupt(String.format("expected a JPEG-LS marker, found byte %02X", data[pos] & 0xFF),
                    pos);
        }
        while (pos < end && (data[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= end) {
            throw CodecErrors.corrupt("JPEG-LS stream ends inside a marker", pos);
        }
        return data[pos++] & 0xFF;
    }

    private boolean allDone() {
        for (boolean b : componentDone) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    private int u8() throws PixelDataException {
        if (pos >= end) {
            throw CodecErrors.corrupt("JPEG-LS marker segment is truncated", pos);
        }
        return data[pos++] & 0xFF;
    }

    private int u16() throws PixelDataException {
        return (u8() << 8) | u8();
    }

    /** Reads a segment length and returns the offset where the segment ends. */
    private int segmentEnd() throws PixelDataException {
        int start = pos;
        int length = u16();
        if (length < 2 || start + length > end) {
            throw CodecErrors.corrupt("JPEG-LS marker segment length " + length + " runs past the data", start);
        }
        return start + length;
    }

    private void skipSegment() throws PixelDataException {
        pos = segmentEnd();
    }

    private void readFrameHeader(int expectedRows, int expectedColumns, int expectedSamples)
            throws PixelDataException {
        if (out != null) {
            throw CodecErrors.corrupt("JPEG-LS stream has a second frame header", pos - 2);
        }
        int segEnd = segmentEnd();
        precision = u8();
        int y = u16();
        int x = u16();
        int nf = u8();
        if (rows == 0) {
            rows = y;
        }
        if (columns == 0) {
            columns = x;
        }
        if (precision < 2 || precision > 16) {
            throw CodecErrors.corrupt("JPEG-LS sample precision " + precision + " is outside 2–16", pos);
        }
        if (rows == 0 || columns == 0) {
            throw CodecErrors.corrupt("JPEG-LS frame has no rows or columns", pos);
        }
        if (rows != expectedRows || columns != expectedColumns || nf != expectedSamples) {
            throw CodecErrors.corrupt("JPEG-LS frame is " + columns + "×" + rows + "×" + nf + " but the header "
                    + "declares " + expectedColumns + "×" + expectedRows + "×" + expectedSamples, pos);
        }
        if (segEnd - pos < 3 * nf) {
            throw CodecErrors.corrupt("JPEG-LS frame header is too short for " + nf + " components", pos);
        }
        componentIds = new int[nf];
        for (int i = 0; i < nf; i++) {
            componentIds[i] = u8();
            int sampling = u8();
            u8();
            if (sampling != 0x11) {
                throw CodecErrors.corrupt("JPEG-LS subsampled components are not supported", pos);
            }
        }
        pos = segEnd;
        out = new int[Math.multiplyExact(Math.multiplyExact(rows, columns), nf)];
        componentDone = new boolean[nf];
    }

    private void readPresetParameters() throws PixelDataException {
        int segEnd = segmentEnd();
        int id = u8();
        switch (id) {
            case 1 -> {
                lseMaxVal = u16();
                lseT1 = u16();
                lseT2 = u16();
                lseT3 = u16();
                lseReset = u16();
            }
            case 4 -> {
                if (out != null) {
                    throw CodecErrors.corrupt("JPEG-LS oversize dimensions come after the frame header", pos);
                }
                int width = u8();
                if (width < 2 || width > 4) {
                    throw CodecErrors.corrupt("JPEG-LS oversize dimension width " + width, pos);
                }
                long y = readWide(width);
                long x = readWide(width);
                if (y > 65535 || x > 65535) {
                    throw CodecErrors.corrupt("JPEG-LS image of " + x + "×" + y + " exceeds DICOM's limits", pos);
                }
                rows = (int) y;
                columns = (int) x;
            }
            case 2, 3 -> throw CodecErrors.corrupt("JPEG-LS mapping tables (palettised JPEG-LS) are not "
                    + "supported in DICOM", pos);
            default -> throw CodecErrors.corrupt("unknown JPEG-LS preset parameter type " + id, pos);
        }
        if (pos > segEnd) {
            throw CodecErrors.corrupt("JPEG-LS LSE segment is shorter than its contents", pos);
        }
        pos = segEnd;
    }

    private long readWide(int width) throws PixelDataException {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    private void readRestartInterval() throws PixelDataException {
        int segEnd = segmentEnd();
        int bytes = segEnd - pos;
        if (bytes < 2 || bytes > 4) {
            throw CodecErrors.corrupt("JPEG-LS DRI segment has " + bytes + " bytes of interval", pos);
        }
        restartInterval = (int) readWide(bytes);
        pos = segEnd;
    }

    private void readScan() throws PixelDataException {
        if (out == null) {
            throw CodecErrors.corrupt("JPEG-LS scan comes before the frame header", pos - 2);
        }
        int segEnd = segmentEnd();
        int ns = u8();
        if (ns < 1 || ns > componentIds.length || segEnd - pos != 2 * ns + 3) {
            throw CodecErrors.corrupt("JPEG-LS scan header with " + ns + " components is malformed", pos);
        }
        int[] comps = new int[ns];
        for (int i = 0; i < ns; i++) {
            comps[i] = componentIndex(u8());
            if (componentDone[comps[i]]) {
                throw CodecErrors.corrupt("JPEG-LS component " + componentIds[comps[i]] + " is coded twice", pos);
            }
            componentDone[comps[i]] = true;
            if (u8() != 0) {
                throw CodecErrors.corrupt("JPEG-LS mapping tables are not supported", pos);
            }
        }
        int near = u8();
        int ilv = u8();
        int pointTransform = u8();
        if (pointTransform != 0) {
            throw CodecErrors.corrupt("JPEG-LS point transform " + pointTransform + " is not supported", pos);
        }
        if (ilv > 2 || (ilv == 0 && ns != 1)) {
            throw CodecErrors.corrupt("JPEG-LS interleave mode " + ilv + " with " + ns + " components", pos);
        }
        JpegLsParameters params = JpegLsParameters.resolve(precision, near, lseMaxVal, lseT1, lseT2, lseT3,
                lseReset);
        if (!params.valid() || params.maxVal() > (1 << precision) - 1) {
            throw CodecErrors.corrupt("JPEG-LS coding parameters are invalid (MAXVAL " + params.maxVal() + ", NEAR "
                    + near + ", T1–T3 " + params.t1() + "/" + params.t2() + "/" + params.t3() + ", RESET "
                    + params.reset() + ")", pos);
        }
        pos = segEnd;
        JpegLsBitReader bits = new JpegLsBitReader(data, pos, end);
        new JpegLsScan(params, bits, data, restartInterval, rows, columns, componentIds.length, ilv, comps, out)
                .decode();
        pos = bits.finishSegment();
    }

    private int componentIndex(int id) throws PixelDataException {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        throw CodecErrors.corrupt("JPEG-LS scan names component " + id + ", which the frame does not have", pos);
    }
}
