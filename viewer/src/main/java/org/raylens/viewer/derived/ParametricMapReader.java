package org.raylens.viewer.derived;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;

/**
 * Reads a DICOM Parametric Map (PS3.3 A.75): 32-bit Float Pixel Data, 64-bit Double Float Pixel Data or integer
 * Pixel Data, each frame turned into real-world values by the linear Real World Value Mapping of its functional
 * groups (slope and intercept; the per-frame group overrides the shared one) with the mapping's units. Frames are
 * placed like a Segmentation's (Derivation Image Sequence, Plane Position).
 *
 * <p>Not read: mappings given as a lookup table (Real World Value LUT Data), refused with a typed error; a frame
 * without any mapping keeps its stored values and has no units. Non-finite values (NaN marks "no value" in some
 * maps) are kept; a display must leave them transparent.
 */
public final class ParametricMapReader {

    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.30";

    private static final int RealWorldValueLUTData = 0x00409212;

    private final PixelCodecRegistry codecs;

    public ParametricMapReader(PixelCodecRegistry codecs) {
        this.codecs = codecs;
    }

    public ParametricMapReader() {
        this(PixelCodecRegistry.fromServiceLoader());
    }

    public ParametricMap read(Path path) throws DicomException {
        try (DicomFile file = DicomReader.read(path)) {
            return read(file);
        } catch (IOException e) {
            throw new DicomException("cannot close the file: " + e.getMessage(), path, DicomException.NO_TAG,
                    DicomException.NO_OFFSET, e);
        }
    }

    public ParametricMap read(DicomFile file) throws DicomException {
        Path path = file.path();
        DicomObject ds = file.dataset();
        String sopClass = ds.getString(Tag.SOPClassUID);
        if (!SOP_CLASS.equals(sopClass)) {
            throw new DerivedObjectException("not a Parametric Map (SOP Class " + sopClass + ")", path,
                    Tag.SOPClassUID);
        }
        int rows = ds.getInt(Tag.Rows, -1);
        int columns = ds.getInt(Tag.Columns, -1);
        int frameCount = ds.getInt(Tag.NumberOfFrames, 1);
        if (rows < 1 || columns < 1 || frameCount < 1) {
            throw new DerivedObjectException("Rows, Columns and Number of Frames must be positive, are " + rows + ", "
                    + columns + ", " + frameCount, path, Tag.Rows);
        }
        List<DerivedFrame> frames = DerivedFrames.read(ds, frameCount, path, (perFrame, shared, index) -> 0);
        List<DicomObject> perFrame = ds.getSequence(DerivedTags.PerFrameFunctionalGroupsSequence);
        List<DicomObject> sharedItems = ds.getSequence(DerivedTags.SharedFunctionalGroupsSequence);
        DicomObject shared = sharedItems.isEmpty() ? new DicomObject() : sharedItems.get(0);
        StoredFrames stored = storedFrames(file, rows * columns, frameCount);
        List<float[]> values = new ArrayList<>(frameCount);
        String quantity = null;
        CodedConcept units = null;
        for (int i = 0; i < frameCount; i++) {
            DicomObject mapping = DerivedFrames.group(perFrame.get(i), shared,
                    DerivedTags.RealWorldValueMappingSequence);
            double slope = 1;
            double intercept = 0;
            if (mapping != null) {
                if (mapping.contains(RealWorldValueLUTData)) {
                    throw new DerivedObjectException("frame " + (i + 1) + " maps values through a lookup table,"
                            + " which is not supported (only slope and intercept)", path, RealWorldValueLUTData);
                }
                slope = mapping.getDouble(DerivedTags.RealWorldValueSlope, 1);
                intercept = mapping.getDouble(DerivedTags.RealWorldValueIntercept, 0);
                if (quantity == null) {
                    quantity = firstNonBlank(mapping.getText(DerivedTags.LUTExplanation),
                            mapping.getString(DerivedTags.LUTLabel));
                    units = CodedConcept.first(mapping, DerivedTags.MeasurementUnitsCodeSequence);
                }
            }
            double[] raw = stored.frame(i);
            float[] real = new float[raw.length];
            for (int p = 0; p < raw.length; p++) {
                real[p] = (float) (raw[p] * slope + intercept);
            }
            values.add(real);
        }
        return new ParametricMap(path, ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesDescription),
                ds.getString(DerivedTags.FrameOfReferenceUID), rows, columns,
                quantity == null ? firstNonBlank(ds.getString(Tag.SeriesDescription), "value") : quantity, units,
                frames, values);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** Stored values of each frame, as doubles. */
    @FunctionalInterface
    private interface StoredFrames {
        double[] frame(int index) throws DicomException;
    }

    private StoredFrames storedFrames(DicomFile file, int pixels, int frameCount) throws DicomException {
        DicomObject ds = file.dataset();
        for (int tag : new int[] {Tag.FloatPixelData, Tag.DoubleFloatPixelData}) {
            DicomElement element = ds.get(tag);
            if (element != null) {
                int bytesPerValue = tag == Tag.FloatPixelData ? 4 : 8;
                byte[] all = floatBytes(file, element, (long) pixels * frameCount * bytesPerValue, tag);
                ByteOrder order = element.bulkData() != null && element.bulkData().bigEndian() ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN;
                return index -> {
                    ByteBuffer bb = ByteBuffer.wrap(all, index * pixels * bytesPerValue, pixels * bytesPerValue)
                            .order(order);
                    double[] out = new double[pixels];
                    for (int p = 0; p < pixels; p++) {
                        out[p] = bytesPerValue == 4 ? bb.getFloat() : bb.getDouble();
                    }
                    return out;
                };
            }
        }
        DicomPixels integer = DicomPixels.open(file, codecs);
        return index -> {
            int[] values = integer.readFrame(index);
            double[] out = new double[values.length];
            for (int p = 0; p < values.length; p++) {
                out[p] = values[p];
            }
            return out;
        };
    }

    private static byte[] floatBytes(DicomFile file, DicomElement element, long need, int tag)
            throws DicomException {
        if (need > Integer.MAX_VALUE - 16) {
            throw new DerivedObjectException("the map holds more values than fit in memory at once", file.path(),
                    tag);
        }
        if (element.length() < need) {
            throw new DerivedObjectException("the float pixel data holds " + element.length() + " bytes but the"
                    + " frames need " + need, file.path(), tag);
        }
        if (element.value() != null) {
            return element.value();
        }
        BulkData bulk = element.bulkData();
        if (bulk == null || bulk.isEncapsulated() || file.source() == null) {
            throw new DerivedObjectException("float pixel data must be native and readable", file.path(), tag);
        }
        byte[] out = new byte[(int) need];
        try {
            file.source().read(bulk.valueOffset(), out, 0, out.length);
        } catch (IOException e) {
            throw new DicomException("reading the float pixel data failed: " + e.getMessage(), file.path(), tag,
                    bulk.valueOffset(), e);
        }
        return out;
    }
}
