package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Lossless JPEG (ISO 10918-1 Annex H, process 14: SOF3, Huffman coded), the syntax of most CR/DX archives
 * (1.2.840.10008.1.2.4.57 and .4.70). Written because TwelveMonkeys' lossless decoder, although exact, takes about
 * three times as long as GDCM on a 2500 × 3000 radiograph; this one decodes with a 9-bit Huffman look-up table and
 * a 64-bit bit cache. Supports precision 2–16, predictors 1–7, point transform, restart intervals, interleaved and
 * one-scan-per-component colour; components must not be subsampled (DICOM never does for lossless).
 *
 * <p>Arithmetic follows the standard and libjpeg/GDCM: differences are taken modulo 2^16, a difference category of
 * 16 means 32768 with no extra bits, and each restart interval starts over like the first line of the image.
 */
public final class LosslessJpegDecoder extends JpegSegmentWalker {

    private final FastHuffman[] tables = new FastHuffman[4];
    private int restartInterval;
    private int precision;
    private int rows;
    private int columns;
    private int[] ids;
    private int[] out;
    private int expectedRows;
    private int expectedColumns;
    private int expectedComponents;

    private LosslessJpegDecoder(byte[] data) {
        super(data);
    }

    /** Decodes a frame, checking its geometry against the DICOM header; samples are pixel-interleaved. */
    public static int[] decode(byte[] data, int expectedRows, int expectedColumns, int expectedComponents)
            throws PixelDataException {
        LosslessJpegDecoder d = new LosslessJpegDecoder(data);
        d.run(expectedRows, expectedColumns, expectedComponents);
        return d.out;
    }

    private void run(int rows, int columns, int components) throws PixelDataException {
        expectedRows = rows;
        expectedColumns = columns;
        expectedComponents = components;
        walkSegments();
    }

    @Override
    protected boolean onSegment(int marker, int start, int segEnd) throws PixelDataException {
        switch (marker) {
            case 0xC3 -> readFrame(segEnd, expectedRows, expectedColumns, expectedComponents);
            case 0xC4 -> readHuffman(segEnd);
            case 0xDD -> restartInterval = u16();
            case 0xDA -> {
                readScan(segEnd);
                return true;
            }
            default -> {
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    throw CodecErrors.corrupt(String.format("SOF%d is not lossless process 14", marker - 0xC0),
                            start - 2);
                }
            }
        }
        return false;
    }

    private void readFrame(int segEnd, int expectedRows, int expectedColumns, int expectedComponents)
            throws PixelDataException {
        if (out != null) {
            throw CodecErrors.corrupt("JPEG stream has a second frame header", pos);
        }
        precision = u8();
        rows = u16();
        columns = u16();
        int nf = u8();
        if (precision < 2 || precision > 16) {
            throw CodecErrors.corrupt("lossless JPEG precision " + precision + " is outside 2–16", pos);
        }
        if (rows != expectedRows || columns != expectedColumns || nf != expectedComponents) {
            throw CodecErrors.corrupt("JPEG frame is " + columns + "×" + rows + "×" + nf + " but the header "
                    + "declares " + expectedColumns + "×" + expectedRows + "×" + expectedComponents, pos);
        }
        if (segEnd - pos < 3 * nf) {
            throw CodecErrors.corrupt("JPEG frame header is too short", pos);
        }
        ids = new int[nf];
        for (int i = 0; i < nf; i++) {
            ids[i] = u8();
            int sampling = u8();
            u8();
            if (nf > 1 && sampling != 0x11) {
                throw CodecErrors.corrupt("subsampled lossless JPEG is not supported", pos);
            }
        }
        out = new int[Math.multiplyExact(Math.multiplyExact(rows, columns), nf)];
        expectComponents(nf);
    }

    private void readHuffman(int segEnd) throws PixelDataException {
        while (pos < segEnd) {
            int tc = u8();
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            if (total > 256 || pos + total > segEnd) {
                throw CodecErrors.corrupt("JPEG Huffman table holds " + total + " values", pos);
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8();
            }
            tables[tc & 3] = new FastHuffman(counts, values);
        }
    }

    private void readScan(int segEnd) throws PixelDataException {
        if (out == null) {
            throw CodecErrors.corrupt("JPEG scan comes before the frame header", pos);
        }
        int ns = u8();
        if (ns < 1 || ns > ids.length || segEnd - pos != 2 * ns + 3) {
            throw CodecErrors.corrupt("JPEG scan header with " + ns + " components is malformed", pos);
        }
        int[] comp = new int[ns];
        FastHuffman[] dc = new FastHuffman[ns];
        for (int i = 0; i < ns; i++) {
            int id = u8();
            int t = u8();
            comp[i] = -1;
            for (int c = 0; c < ids.length; c++) {
                if (ids[c] == id) {
                    comp[i] = c;
                }
            }
            if (comp[i] < 0) {
                throw CodecErrors.corrupt("JPEG scan names component " + id + ", which the frame does not have",
                        pos);
            }
            markCoded(comp[i]);
            dc[i] = tables[t >> 4 & 3];
            if (dc[i] == null) {
                throw CodecErrors.corrupt("JPEG scan refers to a missing Huffman table", pos);
            }
        }
        int predictor = u8();
        u8();
        int pointTransform = u8() & 15;
        if (predictor < 1 || predictor > 7) {
            throw CodecErrors.corrupt("lossless JPEG predictor " + predictor + " is outside 1–7", pos);
        }
        if (pointTransform >= precision) {
            throw CodecErrors.corrupt("lossless JPEG point transform " + pointTransform + " is not below the "
                    + "precision", pos);
        }
        pos = segEnd;
        FastBitReader in = new FastBitReader(data, pos);
        new LosslessScan(in, dc, comp, ids.length, rows, columns, precision, predictor, pointTransform,
                restartInterval, out).decode();
        pos = in.nextMarker();
    }
}
