package org.raylens.viewer.dicom.codec.jpeg;

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

    /** Starts tracking which of {@code components} components a scan has coded (called when the frame is read). */
    protected final void expectComponents(int components) {
        seen = new boolean[components];
    }

    /** Marks component {@code index} as coded by a scan. */
    protected final void markCoded(int index) {
        seen[index] = true;
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
