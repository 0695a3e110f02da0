package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * A sequential DCT JPEG decoder (ISO 10918-1 processes 1, 2 and 4: baseline and extended, Huffman coded, 8- or
 * 12-bit) for what TwelveMonkeys cannot read: the JDK decoder behind it rejects 12-bit precision, which DICOM's
 * JPEG Extended syntax (1.2.840.10008.1.2.4.51) exists for. Uses libjpeg's islow IDCT so results match GDCM/dcmtk.
 *
 * <p>Scope, kept to what DICOM needs: any number of sequential scans; one component with any sampling factors, or
 * several without subsampling; restart intervals. Progressive, arithmetic-coded and hierarchical JPEG, and
 * subsampled colour, are rejected with a typed error. No colour conversion is applied.
 */
public final class DctJpegDecoder extends JpegSegmentWalker {

    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33,
        40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44,
        51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    private final int[][] quant = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private int restartInterval;
    private int precision;
    private int rows;
    private int columns;
    private int[] ids;
    private int[] quantSelector;
    private int blocksWide;
    private int blocksHigh;
    private int[][] planes; // per component, blocksWide*8 × blocksHigh*8
    private int expectedRows;
    private int expectedColumns;
    private int expectedComponents;

    private DctJpegDecoder(byte[] data) {
        super(data);
    }

    /** Decodes a frame, checking its geometry against the DICOM header; samples are pixel-interleaved. */
    public static int[] decode(byte[] data, int expectedRows, int expectedColumns, int expectedComponents)
            throws PixelDataException {
        DctJpegDecoder d = new DctJpegDecoder(data);
        d.run(expectedRows, expectedColumns, expectedComponents);
        return d.interleave();
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
            case 0xC0, 0xC1 -> readFrame(segEnd, expectedRows, expectedColumns, expectedComponents);
            case 0xC4 -> readHuffman(segEnd);
            case 0xDB -> readQuant(segEnd);
            case 0xDD -> restartInterval = u16();
            case 0xDA -> {
                readScan(segEnd);
                return true;
            }
            default -> {
                if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    throw CodecErrors.corrupt(String.format("JPEG process SOF%d is not a sequential DCT "
                            + "process RayLens decodes itself", marker - 0xC0), start - 2);
                }
            }
        }
        return false;
    }

    private void readFrame(int segEnd, int expectedRows, int expectedColumns, int expectedComponents)
            throws PixelDataException {
        if (planes != null) {
            throw CodecErrors.corrupt("JPEG stream has a second frame header", pos);
        }
        FrameHeader frame = readFrameHeader(segEnd, expectedRows, expectedColumns, expectedComponents,
                p -> p == 8 || p == 12, p -> "JPEG DCT precision " + p + " is neither 8 nor 12",
                "subsampled colour in a 12-bit JPEG is not supported");
        precision = frame.precision();
        rows = frame.rows();
        columns = frame.columns();
        ids = frame.ids();
        quantSelector = frame.quantSelectors();
        int nf = ids.length;
        blocksWide = (columns + 7) / 8;
        blocksHigh = (rows + 7) / 8;
        planes = new int[nf][blocksWide * 8 * blocksHigh * 8];
    }

    private void readQuant(int segEnd) throws PixelDataException {
        while (pos < segEnd) {
            int pq = u8();
            int id = pq & 3;
            boolean wide = (pq >> 4) != 0;
            int[] table = new int[64];
            for (int i = 0; i < 64; i++) {
                table[ZIGZAG[i]] = wide ? u16() : u8();
            }
            quant[id] = table;
        }
    }

    private void readHuffman(int segEnd) throws PixelDataException {
        readHuffmanTables(segEnd, (tc, counts, values) -> {
            HuffmanTable table = new HuffmanTable(counts, values);
            if ((tc >> 4) == 0) {
                dcTables[tc & 3] = table;
            } else {
                acTables[tc & 3] = table;
            }
        });
    }

    private void readScan(int segEnd) throws PixelDataException {
        if (planes == null) {
            throw CodecErrors.corrupt("JPEG scan comes before the frame header", pos);
        }
        int ns = u8();
        if (ns < 1 || ns > ids.length || segEnd - pos != 2 * ns + 3) {
            throw CodecErrors.corrupt("JPEG scan header with " + ns + " components is malformed", pos);
        }
        int[] comp = new int[ns];
        HuffmanTable[] dc = new HuffmanTable[ns];
        HuffmanTable[] ac = new HuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            ScanComponent sc = readScanComponent(ids);
            comp[i] = sc.index();
            int tables = sc.tableSelectors();
            dc[i] = dcTables[tables >> 4 & 3];
            ac[i] = acTables[tables & 3];
            if (dc[i] == null || ac[i] == null || quant[quantSelector[comp[i]]] == null) {
                throw CodecErrors.corrupt("JPEG scan refers to a missing Huffman or quantisation table", pos);
            }
        }
        // Ss, Se, Ah/Al: meaningless in a sequential scan. Some writers put 0–0 here (pydicom's JPEG-lossy.dcm);
        // libjpeg warns and decodes the whole block, and so does RayLens.
        u8();
        u8();
        u8();
        pos = segEnd;
        JpegBitReader in = new JpegBitReader(data, pos, data.length);
        decodeBlocks(in, comp, dc, ac);
        pos = in.nextMarker();
    }

    private void decodeBlocks(JpegBitReader in, int[] comp, HuffmanTable[] dc, HuffmanTable[] ac)
            throws PixelDataException {
        IslowIdct idct = new IslowIdct(precision);
        int[] coef = new int[64];
        int[] predictor = new int[comp.length];
        int stride = blocksWide * 8;
        int units = blocksWide * blocksHigh; // one block per component per MCU (no subsampling)
        int restartsLeft = restartInterval;
        for (int mcu = 0; mcu < units; mcu++) {
            if (restartInterval > 0) {
                if (restartsLeft == 0) {
                    in.restart();
                    java.util.Arrays.fill(predictor, 0);
                    restartsLeft = restartInterval;
                }
                restartsLeft--;
            }
            int bx = mcu % blocksWide;
            int by = mcu / blocksWide;
            for (int i = 0; i < comp.length; i++) {
                java.util.Arrays.fill(coef, 0);
                int t = dc[i].decode(in);
                predictor[i] += in.receiveExtend(t);
                coef[0] = predictor[i];
                for (int k = 1; k < 64; ) {
                    int rs = ac[i].decode(in);
                    int r = rs >> 4;
                    int s = rs & 15;
                    if (s == 0) {
                        if (r != 15) {
                            break;
                        }
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) {
                        throw CodecErrors.corrupt("JPEG block has more than 64 coefficients", in.position());
                    }
                    coef[ZIGZAG[k]] = in.receiveExtend(s);
                    k++;
                }
                idct.transform(coef, quant[quantSelector[comp[i]]], planes[comp[i]], by * 8 * stride + bx * 8,
                        stride);
            }
        }
    }

    private int[] interleave() {
        int nc = ids.length;
        int stride = blocksWide * 8;
        int[] out = new int[rows * columns * nc];
        for (int c = 0; c < nc; c++) {
            int[] p = planes[c];
            for (int y = 0; y < rows; y++) {
                int o = y * columns * nc + c;
                int s = y * stride;
                for (int x = 0; x < columns; x++, o += nc) {
                    out[o] = p[s + x];
                }
            }
        }
        return out;
    }
}
