package org.raylens.viewer.dicom.codec.jpegls;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Walks the lines of one scan in its interleave mode, handles restart intervals, and copies decoded lines into the
 * frame's pixel-interleaved output. The line buffers are two per component, swapped every line.
 */
final class JpegLsScan {

    private final JpegLsScanDecoder coder;
    private final JpegLsBitReader in;
    private final byte[] data;
    private final int restartInterval;
    private final int rows;
    private final int columns;
    private final int frameComponents;
    private final int ilv;
    private final int[] components;
    private final int[] out;
    private final int[][] prev;
    private final int[][] cur;

    JpegLsScan(JpegLsParameters params, JpegLsBitReader in, byte[] data, int restartInterval, int rows, int columns,
            int frameComponents, int ilv, int[] components, int[] out) {
        this.coder = new JpegLsScanDecoder(params, in);
        this.in = in;
        this.data = data;
        this.restartInterval = restartInterval;
        this.rows = rows;
        this.columns = columns;
        this.frameComponents = frameComponents;
        this.ilv = ilv;
        this.components = components;
        this.out = out;
        this.prev = new int[components.length][columns + 2];
        this.cur = new int[components.length][columns + 2];
    }

    void decode() throws PixelDataException {
        int[] runIndex = new int[components.length];
        int restartCount = 0;
        for (int y = 0; y < rows; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                readRestartMarker(restartCount);
                restartCount = (restartCount + 1) & 7;
                coder.resetContexts();
                java.util.Arrays.fill(runIndex, 0);
                for (int k = 0; k < components.length; k++) {
                    java.util.Arrays.fill(prev[k], 0);
                    java.util.Arrays.fill(cur[k], 0);
                }
            }
            if (ilv == 2) {
                coder.decodeInterleavedLine(prev, cur, columns);
            } else {
                for (int k = 0; k < components.length; k++) {
                    coder.setRunIndex(runIndex[k]);
                    coder.decodeLine(prev[k], cur[k], columns);
                    runIndex[k] = coder.runIndex();
                }
            }
            for (int k = 0; k < components.length; k++) {
                storeLine(cur[k], y, components[k]);
                int[] t = prev[k];
                prev[k] = cur[k];
                cur[k] = t;
            }
        }
    }

    private void storeLine(int[] line, int y, int component) {
        int nc = frameComponents;
        if (nc == 1) {
            System.arraycopy(line, 1, out, y * columns, columns);
            return;
        }
        int o = y * columns * nc + component;
        for (int x = 1; x <= columns; x++, o += nc) {
            out[o] = line[x];
        }
    }

    private void readRestartMarker(int expected) throws PixelDataException {
        int p = in.finishSegment();
        if (p + 1 >= data.length || (data[p] & 0xFF) != 0xFF) {
            throw CodecErrors.corrupt("JPEG-LS restart marker RST" + expected + " is missing", p);
        }
        while (p < data.length && (data[p] & 0xFF) == 0xFF) {
            p++;
        }
        if (p >= data.length || (data[p] & 0xFF) != 0xD0 + expected) {
            throw CodecErrors.corrupt("JPEG-LS expected restart marker RST" + expected + " but found "
                    + (p < data.length ? String.format("FF%02X", data[p] & 0xFF) : "the end of the data"), p);
        }
        in.restartAt(p + 1);
    }
}
