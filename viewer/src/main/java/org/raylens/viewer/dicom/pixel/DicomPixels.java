package org.raylens.viewer.dicom.pixel;

import java.io.IOException;
import java.nio.file.Path;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.ByteSource;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.EncapsulatedFrames;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.TruncatedDicomException;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicom.codec.PixelCodec;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.codec.PixelDescription;

/**
 * Lazy, per-frame access to the stored values of one DICOM file. {@link #open} validates the image attributes and
 * checks that the pixel data holds every declared frame before anything is allocated; {@link #readFrame} then reads
 * only that frame's bytes through the file's {@link ByteSource}, native or through a {@link PixelCodec}.
 *
 * <p>Output is the {@code PixelCodec} convention: stored values, pixel-interleaved, masked and sign-extended. For
 * native data the colour space is the file's (YBR stays YBR, PALETTE COLOR stays indices); for encapsulated data it
 * is what the codec returns, reported by {@link #decodedPhotometric()}. Thread-safe: frames may be read in parallel.
 */
public final class DicomPixels {
    private final DicomFile file;
    private final PixelDescription description;
    private final BulkData bulk;
    private final byte[] inMemoryValue;
    private final boolean wordSwap;
    private final PixelCodec codec;
    private final EncapsulatedFrames frameFragments;

    private DicomPixels(DicomFile file, PixelDescription description, BulkData bulk, byte[] inMemoryValue,
            boolean wordSwap, PixelCodec codec, EncapsulatedFrames frameFragments) {
        this.file = file;
        this.description = description;
        this.bulk = bulk;
        this.inMemoryValue = inMemoryValue;
        this.wordSwap = wordSwap;
        this.codec = codec;
        this.frameFragments = frameFragments;
    }

    /**
     * Prepares pixel access for {@code file}, which must have been read with its pixel data (not header-only).
     *
     * @throws PixelDataException when the attributes are invalid or the data is shorter than they require
     * @throws org.raylens.viewer.dicom.UnsupportedTransferSyntaxException when no codec handles the syntax
     */
    public static DicomPixels open(DicomFile file, PixelCodecRegistry codecs) throws DicomException {
        Path path = file.path();
        if (file.headerOnly()) {
            throw new PixelDataException("the file was read header-only; read it in full to access pixels", path,
                    Tag.PixelData, DicomException.NO_OFFSET);
        }
        DicomElement element = file.dataset().get(Tag.PixelData);
        if (element == null) {
            throw new PixelDataException("the dataset has no Pixel Data", path, Tag.PixelData,
                    DicomException.NO_OFFSET);
        }
        PixelDescription d = PixelAttributes.describe(file.dataset(), path);
        checkFrameFitsInMemory(d, file, path);
        TransferSyntax ts = file.transferSyntax();
        BulkData bulk = element.bulkData();
        if (bulk != null && bulk.isEncapsulated()) {
            PixelCodec codec = codecs.codecFor(ts.uid(), path);
            ByteSource source = requireSource(file);
            EncapsulatedFrames frames = EncapsulatedFrames.of(bulk, d.frames(), file.dataset(), source, path);
            return new DicomPixels(file, d, bulk, null, false, codec, frames);
        }
        if (ts.encapsulated()) {
            throw new PixelDataException("transfer syntax " + TransferSyntax.describe(ts.uid())
                    + " requires encapsulated Pixel Data but the element has a defined length", path, Tag.PixelData,
                    element.streamOffset());
        }
        checkNativeLength(d, element, path);
        boolean bigEndian = bulk != null ? bulk.bigEndian() : ts.bigEndian();
        boolean swap = bigEndian && d.bitsAllocated() == 8 && element.vr() == VR.OW;
        if (bulk != null) {
            ByteSource source = requireSource(file);
            long end = bulk.valueOffset() + (NativePixelDecoder.frameBits(d) * d.frames() + 7) / 8;
            if (bulk.valueOffset() < 0 || end > source.size()) {
                throw new TruncatedDicomException("Pixel Data ends at byte " + end + " but the data has only "
                        + source.size() + " bytes", path, Tag.PixelData, bulk.valueOffset());
            }
        }
        return new DicomPixels(file, d, bulk, element.value(), swap, null, null);
    }

    private static void checkNativeLength(PixelDescription d, DicomElement element, Path path)
            throws PixelDataException {
        if (NativePixelDecoder.isUncompressed422(d) && d.pixelsPerFrame() % 2 != 0) {
            throw new PixelDataException("YBR_FULL_422 needs an even number of pixels per frame, has "
                    + d.pixelsPerFrame(), path, Tag.PhotometricInterpretation, DicomException.NO_OFFSET);
        }
        long needBits;
        try {
            needBits = Math.multiplyExact(NativePixelDecoder.frameBits(d), (long) d.frames());
        } catch (ArithmeticException e) {
            throw new PixelDataException("Rows x Columns x Samples x Bits x Frames overflows", path,
                    Tag.NumberOfFrames, DicomException.NO_OFFSET);
        }
        long needBytes = (needBits + 7) / 8;
        long have = element.length();
        if (have < needBytes) {
            throw new PixelDataException("Pixel Data holds " + have + " bytes but " + d.frames() + " frame(s) of "
                    + d.rows() + " x " + d.columns() + " x " + d.samplesPerPixel() + " samples at "
                    + d.bitsAllocated() + " bits need " + needBytes, path, Tag.PixelData, element.streamOffset());
        }
    }

    /**
     * A decoded frame is an int per sample. A compressed stream can legitimately declare a huge image in a few
     * bytes (JPEG-LS run mode, JPEG 2000), so the file's size cannot bound it; the heap can. Refusing here, before
     * any codec runs, turns what would be an OutOfMemoryError into an error naming the tag.
     */
    private static void checkFrameFitsInMemory(PixelDescription d, DicomFile file, Path path)
            throws PixelDataException {
        long frameBytes = d.samplesPerFrame() * Integer.BYTES;
        long usable = Runtime.getRuntime().maxMemory() / 2;
        if (frameBytes > usable) {
            DicomElement rows = file.dataset().get(Tag.Rows);
            throw new PixelDataException("one frame of " + d.rows() + " x " + d.columns() + " x "
                    + d.samplesPerPixel() + " samples needs " + (frameBytes >> 20) + " MB to decode, more than the "
                    + (usable >> 20) + " MB this program may use for it (a larger -Xmx would allow it)", path,
                    Tag.Rows,
                    rows == null ? DicomException.NO_OFFSET : rows.streamOffset());
        }
    }

    private static ByteSource requireSource(DicomFile file) throws PixelDataException {
        if (file.source() == null) {
            throw new PixelDataException("the file's byte source is closed or absent", file.path(), Tag.PixelData,
                    DicomException.NO_OFFSET);
        }
        return file.source();
    }

    public PixelDescription description() {
        return description;
    }

    public int frameCount() {
        return description.frames();
    }

    public Path path() {
        return file.path();
    }

    public boolean isEncapsulated() {
        return codec != null;
    }

    /** Photometric interpretation of the values {@link #readFrame} returns. */
    public String decodedPhotometric() {
        return codec == null ? description.photometric() : codec.decodedPhotometric(description,
                file.transferSyntax().uid());
    }

    /** The stored values of frame {@code index} (0-based), reading only that frame's bytes. */
    public int[] readFrame(int index) throws DicomException {
        if (index < 0 || index >= description.frames()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + description.frames());
        }
        return codec != null ? readEncapsulated(index) : readNative(index);
    }

    private int[] readNative(int index) throws DicomException {
        long frameBits = NativePixelDecoder.frameBits(description);
        long startBit = frameBits * index;
        long firstByte = startBit >>> 3;
        long lastByteExclusive = (startBit + frameBits + 7) >>> 3;
        boolean bigEndian = bulk != null ? bulk.bigEndian() : file.transferSyntax().bigEndian();
        if (inMemoryValue != null) {
            return NativePixelDecoder.decode(inMemoryValue, startBit, description, bigEndian, wordSwap);
        }
        int length = Math.toIntExact(lastByteExclusive - firstByte);
        byte[] bytes = new byte[length];
        read(file.source(), bulk.valueOffset() + firstByte, bytes, 0, length, file.path());
        return NativePixelDecoder.decode(bytes, startBit & 7, description, bigEndian, wordSwap);
    }

    private int[] readEncapsulated(int index) throws DicomException {
        byte[] encoded = frameFragments.readFrame(file.source(), index);
        long itemOffset = frameFragments.fragments(index).get(0).itemOffset();
        int[] values;
        try {
            values = codec.decode(encoded, description, file.transferSyntax().uid());
        } catch (PixelDataException e) {
            if (e.file() != null) {
                throw e;
            }
            // Codecs see bytes, not files: add the file and frame so the user can tell which image failed.
            throw new PixelDataException("frame " + index + ": " + e.reason(), file.path(), e.tag(),
                    e.offset() == DicomException.NO_OFFSET ? itemOffset : e.offset(), e);
        } catch (RuntimeException e) {
            // A codec bug or a corrupt stream it did not anticipate must still reach the user as a typed error.
            throw new PixelDataException("decoding frame " + index + " failed: " + e, file.path(), Tag.PixelData,
                    itemOffset, e);
        }
        if (values == null || values.length != description.samplesPerFrame()) {
            throw new PixelDataException("codec returned " + (values == null ? "nothing" : values.length
                    + " samples") + " for frame " + index + ", expected " + description.samplesPerFrame(),
                    file.path(), Tag.PixelData, itemOffset);
        }
        return values;
    }

    private static void read(ByteSource source, long position, byte[] dst, int offset, int length, Path path)
            throws PixelDataException {
        if (position < 0 || position + length > source.size()) {
            throw new PixelDataException("pixel bytes " + position + ".." + (position + length)
                    + " lie beyond the data (" + source.size() + " bytes)", path, Tag.PixelData, position);
        }
        try {
            source.read(position, dst, offset, length);
        } catch (IOException e) {
            throw new PixelDataException("reading pixel bytes failed: " + e.getMessage(), path, Tag.PixelData,
                    position, e);
        }
    }
}
