package org.raylens.viewer.derived;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Writes a small Parametric Map into a test's temporary folder: one 32-bit float frame per source image (stored
 * values 0, 0.5, 1, … running on across frames), a shared linear Real World Value Mapping (slope 2, intercept 1,
 * "SUVbw" in {SUVbw}g/ml), optionally a lookup table too. {@code header} adds or overrides attributes (study, series,
 * references). No Parametric Map is among the shared data.
 */
public final class TinyParametricMap {

    private TinyParametricMap() {
    }

    public static void write(Path file, int rows, int columns, List<String> sources, boolean lookupTable,
            DicomObject header) throws Exception {
        DicomObject ds = new DicomObject();
        ds.setString(Tag.SOPClassUID, VR.UI, ParametricMapReader.SOP_CLASS);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.888000");
        ds.setString(Tag.SeriesDescription, VR.LO, "SUV map");
        ds.setInts(Tag.NumberOfFrames, VR.IS, sources.size());
        ds.setInts(Tag.Rows, VR.US, rows);
        ds.setInts(Tag.Columns, VR.US, columns);
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInts(Tag.BitsAllocated, VR.US, 32);
        DicomObject mapping = new DicomObject();
        mapping.setBytes(DerivedTags.RealWorldValueSlope, VR.FD, doubles(2.0));
        mapping.setBytes(DerivedTags.RealWorldValueIntercept, VR.FD, doubles(1.0));
        mapping.setString(DerivedTags.LUTExplanation, VR.LO, "SUVbw");
        mapping.setString(DerivedTags.LUTLabel, VR.SH, "SUV");
        mapping.setSequence(DerivedTags.MeasurementUnitsCodeSequence, List.of(new DicomObject()
                .setString(CodedConcept.CodeValue, VR.SH, "{SUVbw}g/ml")
                .setString(CodedConcept.CodingSchemeDesignator, VR.SH, "UCUM")
                .setString(CodedConcept.CodeMeaning, VR.LO, "Standardized Uptake Value body weight")));
        if (lookupTable) {
            mapping.setBytes(0x00409212, VR.FD, doubles(0, 1, 2));
        }
        ds.setSequence(DerivedTags.SharedFunctionalGroupsSequence, List.of(new DicomObject()
                .setSequence(DerivedTags.RealWorldValueMappingSequence, List.of(mapping))));
        List<DicomObject> frames = new ArrayList<>();
        for (String uid : sources) {
            DicomObject source = new DicomObject().setString(Tag.ReferencedSOPInstanceUID, VR.UI, uid);
            frames.add(new DicomObject().setSequence(DerivedTags.DerivationImageSequence, List.of(new DicomObject()
                    .setSequence(Tag.SourceImageSequence, List.of(source)))));
        }
        ds.setSequence(DerivedTags.PerFrameFunctionalGroupsSequence, frames);
        int n = rows * columns * sources.size();
        ByteBuffer pixels = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            pixels.putFloat(i * 0.5f);
        }
        ds.setBytes(Tag.FloatPixelData, VR.OF, pixels.array());
        for (DicomElement e : header.elements()) {
            ds.put(e);
        }
        new DicomWriter().write(file, ds, null);
    }

    private static byte[] doubles(double... values) {
        ByteBuffer bb = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bb.putDouble(v);
        }
        return bb.array();
    }
}
