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
        FrameHeader frame = readFrameHeader(segEnd, expectedRows, expectedColumns, expectedComponents,
                p -> p >= 2 && p <= 16, p -> "lossless JPEG precision " + p + " is outside 2–16",
                "subsampled lossless JPEG is not supported");
        precision = frame.precision();
        rows = frame.rows();
        columns = frame.columns();
        ids = frame.ids();
        int nf = ids.length;
        out = new int[Math.multiplyExact(Math.multiplyExact(rows, columns), nf)];
    }

    private void readHuffman(int segEnd) throws PixelDataException {
        readHuffmanTables(segEnd, (tc, counts, values) -> tables[tc & 3] = new FastHuffman(counts, values));
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
            ScanComponent sc = readScanComponent(ids);
            comp[i] = sc.index();
            int t = sc.tableSelectors();
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
