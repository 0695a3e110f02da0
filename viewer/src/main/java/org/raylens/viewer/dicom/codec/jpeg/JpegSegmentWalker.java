package org.raylens.viewer.dicom.codec.jpeg;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * The marker-segment walk both of RayLens's own JPEG decoders share (ISO 10918-1 B.1): SOI, then segments until EOI
 * (or the end of the data once every component is decoded, which real encoders sometimes leave out), fill bytes
 * skipped, stand-alone markers ignored, every segment length checked against the data. Subclasses say what each
 * segment means for their process and when the image is complete.
 */
abstract class JpegSegmentWalker {
    protected final byte[] data;
    protected int pos;
    private boolean[] seen;

    JpegSegmentWalker(byte[] data) {
        this.data = data;
    }

    protected final int u8() throws PixelDataException {
        if (pos >= data.length) {
            throw CodecErrors.corrupt("JPEG marker segment is truncated", pos);
        }
        return data[pos++] & 0xFF;
    }

    protected final int u16() throws PixelDataException {
        return (u8() << 8) | u8();
    }

    private void expectComponents(int components) {
        seen = new boolean[components];
    }

    private void markCoded(int index) {
        seen[index] = true;
    }

    /** A DHT table as coded: the class/destination byte, the 16 code-length counts and the symbols. */
    @FunctionalInterface
    protected interface HuffmanTableSink {
        void accept(int classAndDestination, int[] counts, int[] values) throws PixelDataException;
    }

    /** Reads every table of a DHT segment ending at {@code segEnd}, checking each against the segment. */
    protected final void readHuffmanTables(int segEnd, HuffmanTableSink sink) throws PixelDataException {
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
            sink.accept(tc, counts, values);
        }
    }

    /** A frame header (SOFn) after its checks: geometry, and per component its id and quantisation selector. */
    protected record FrameHeader(int precision, int rows, int columns, int[] ids, int[] quantSelectors) {}

    /**
     * Reads a frame header ending at {@code segEnd}: the precision must pass {@code precisionOk} (else
     * {@code precisionError} names it), the geometry must equal the DICOM header's, and colour components must not
     * be subsampled (else {@code subsampledError}). Starts tracking which components the scans code.
     */
    protected final FrameHeader readFrameHeader(int segEnd, int expectedRows, int expectedColumns,
            int expectedComponents, IntPredicate precisionOk, IntFunction<String> precisionError,
            String subsampledError) throws PixelDataException {
        int precision = u8();
        int rows = u16();
        int columns = u16();
        int nf = u8();
        if (!precisionOk.test(precision)) {
            throw CodecErrors.corrupt(precisionError.apply(precision), pos);
        }
        if (rows != expectedRows || columns != expectedColumns || nf != expectedComponents) {
            throw CodecErrors.corrupt("JPEG frame is " + columns + "×" + rows + "×" + nf + " but the header "
                    + "declares " + expectedColumns + "×" + expectedRows + "×" + expectedComponents, pos);
        }
        if (segEnd - pos < 3 * nf) {
            throw CodecErrors.corrupt("JPEG frame header is too short", pos);
        }
        int[] ids = new int[nf];
        int[] quantSelectors = new int[nf];
        for (int i = 0; i < nf; i++) {
            ids[i] = u8();
            int sampling = u8();
            quantSelectors[i] = u8() & 3;
            if (nf > 1 && sampling != 0x11) {
                throw CodecErrors.corrupt(subsampledError, pos);
            }
        }
        expectComponents(nf);
        return new FrameHeader(precision, rows, columns, ids, quantSelectors);
    }

    /** One component of a scan header: its index in the frame and its Huffman table selectors (Td << 4 | Ta). */
    protected record ScanComponent(int index, int tableSelectors) {}

    /** Reads one scan-header component, finds its id among the frame's {@code ids} and marks it coded. */
    protected final ScanComponent readScanComponent(int[] ids) throws PixelDataException {
        int id = u8();
        int tables = u8();
        int index = -1;
        for (int c = 0; c < ids.length; c++) {
            if (ids[c] == id) {
                index = c;
            }
        }
        if (index < 0) {
            throw CodecErrors.corrupt("JPEG scan names component " + id + ", which the frame does not have", pos);
        }
        markCoded(index);
        return new ScanComponent(index, tables);
    }

    /**
     * Handles the segment of {@code marker} whose length field starts at {@code start} and which ends at
     * {@code segEnd}; returns true when it left {@link #pos} where the walk goes on (after a scan's entropy-coded
     * data), false to continue at {@code segEnd}.
     */
    protected abstract boolean onSegment(int marker, int start, int segEnd) throws PixelDataException;

    protected final void walkSegments() throws PixelDataException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw CodecErrors.corrupt("JPEG stream does not start with an SOI marker", 0);
        }
        pos = 2;
        while (true) {
            if (pos >= data.length) {
                if (allCoded()) {
                    return;
                }
                throw CodecErrors.corrupt("JPEG stream ends before the EOI marker", pos);
            }
            if ((data[pos] & 0xFF) != 0xFF) {
                throw CodecErrors.corrupt(String.format("expected a JPEG marker, found byte %02X",
                        data[pos] & 0xFF), pos);
            }
            while (pos < data.length && (data[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            int marker = u8();
            if (marker == 0xD9) {
                if (!allCoded()) {
                    throw CodecErrors.corrupt("JPEG stream ends before every component was coded", pos);
                }
                return;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                continue;
            }
            int start = pos;
            int length = u16();
            int segEnd = start + length;
            if (length < 2 || segEnd > data.length) {
                throw CodecErrors.corrupt(String.format("JPEG marker FF%02X segment runs past the data", marker),
                        start);
            }
            if (!onSegment(marker, start, segEnd)) {
                pos = segEnd;
            }
        }
    }

    private boolean allCoded() {
        if (seen == null) {
            return false;
        }
        for (boolean b : seen) {
            if (!b) {
                return false;
            }
        }
        return true;
    }
}
