package org.raylens.viewer.dicom.pixel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.ByteSource;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;

/** Builds small in-memory DICOM files with hand-made pixel bytes, for tests with hand-computed expectations. */
public final class SyntheticDicom {
    public static final Path NAME = Path.of("synthetic.dcm");

    private SyntheticDicom() {}

    /** A greyscale/colour image attribute set. */
    public static DicomObject attributes(int rows, int columns, int samples, int bitsAllocated, int bitsStored,
            int highBit, boolean signed, String photometric) {
        DicomObject ds = new DicomObject();
        ds.setInts(Tag.Rows, VR.US, rows);
        ds.setInts(Tag.Columns, VR.US, columns);
        ds.setInts(Tag.SamplesPerPixel, VR.US, samples);
        ds.setInts(Tag.BitsAllocated, VR.US, bitsAllocated);
        ds.setInts(Tag.BitsStored, VR.US, bitsStored);
        ds.setInts(Tag.HighBit, VR.US, highBit);
        ds.setInts(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        return ds;
    }

    /** A file whose native Pixel Data (the given bytes) lies after {@code prefix} unrelated bytes of the source. */
    public static DicomFile nativeFile(DicomObject ds, byte[] pixelBytes, String syntax, int prefix,
            CountingSource[] out) {
        byte[] all = new byte[prefix + pixelBytes.length];
        System.arraycopy(pixelBytes, 0, all, prefix, pixelBytes.length);
        TransferSyntax ts = TransferSyntax.of(syntax);
        ds.put(DicomElement.ofBulkData(Tag.PixelData, ds.get(Tag.BitsAllocated) != null
                && ds.getInt(Tag.BitsAllocated, 8) > 8 ? VR.OW : VR.OB,
                BulkData.nativeData(prefix, pixelBytes.length, ts.bigEndian())));
        CountingSource source = new CountingSource(all);
        if (out != null) {
            out[0] = source;
        }
        return new DicomFile(NAME, new DicomObject(), ds, ts, source, false);
    }

    /** An encapsulated file: the fragments laid out as items after an (optional) basic offset table item. */
    public static DicomFile encapsulatedFile(DicomObject ds, String syntax, long[] bot, byte[]... fragments) {
        List<BulkData.Fragment> list = new ArrayList<>();
        int size = 8 + bot.length * 4;
        for (byte[] f : fragments) {
            size += 8 + f.length;
        }
        byte[] all = new byte[size];
        int at = 8 + bot.length * 4;
        for (byte[] f : fragments) {
            list.add(new BulkData.Fragment(at, at + 8, f.length));
            System.arraycopy(f, 0, all, at + 8, f.length);
            at += 8 + f.length;
        }
        ds.put(DicomElement.ofBulkData(Tag.PixelData, VR.OB, BulkData.encapsulated(0, bot, list)));
        return new DicomFile(NAME, new DicomObject(), ds, TransferSyntax.of(syntax), new CountingSource(all), false);
    }

    /** A memory source that records which byte ranges were read. */
    public static final class CountingSource implements ByteSource {
        final byte[] bytes;
        final List<long[]> reads = new ArrayList<>();

        CountingSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public synchronized void read(long position, byte[] dst, int offset, int length) throws IOException {
            if (position < 0 || position + length > bytes.length) {
                throw new IOException("read beyond end");
            }
            reads.add(new long[] {position, length});
            System.arraycopy(bytes, (int) position, dst, offset, length);
        }
    }

    public static byte[] le16(int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return b;
    }

    public static byte[] be16(int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) (values[i] >> 8);
            b[2 * i + 1] = (byte) values[i];
        }
        return b;
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
