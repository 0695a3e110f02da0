package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Parametric Maps written here (no Parametric Map is among the shared data): 32-bit float frames through a linear
 * Real World Value Mapping with its units, each frame placed on the image it was derived from.
 */
class ParametricMapReaderTest {

    @TempDir
    Path dir;

    private Path write(boolean lookupTable) throws Exception {
        DicomObject ds = new DicomObject();
        ds.setString(Tag.SOPClassUID, VR.UI, ParametricMapReader.SOP_CLASS);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.888000");
        ds.setString(Tag.SeriesDescription, VR.LO, "SUV map");
        ds.setInts(Tag.NumberOfFrames, VR.IS, 2);
        ds.setInts(Tag.Rows, VR.US, 2);
        ds.setInts(Tag.Columns, VR.US, 3);
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
        for (int f = 1; f <= 2; f++) {
            DicomObject source = new DicomObject().setString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.888." + f);
            frames.add(new DicomObject().setSequence(DerivedTags.DerivationImageSequence, List.of(new DicomObject()
                    .setSequence(Tag.SourceImageSequence, List.of(source)))));
        }
        ds.setSequence(DerivedTags.PerFrameFunctionalGroupsSequence, frames);
        ByteBuffer pixels = ByteBuffer.allocate(12 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            pixels.putFloat(i * 0.5f);
        }
        ds.setBytes(Tag.FloatPixelData, VR.OF, pixels.array());
        Path file = dir.resolve(lookupTable ? "lut.dcm" : "pm.dcm");
        new DicomWriter().write(file, ds, null);
        return file;
    }

    private static byte[] doubles(double... values) {
        ByteBuffer bb = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bb.putDouble(v);
        }
        return bb.array();
    }

    @Test
    void floatFramesBecomeRealWorldValuesOnTheirSourceImages() throws Exception {
        ParametricMap map = new ParametricMapReader().read(write(false));
        assertEquals("SUVbw", map.quantity());
        assertEquals("SUVbw [{SUVbw}g/ml]", map.quantityWithUnits());
        assertEquals(2, map.frames().size());
        // stored 0, 0.5, … 5.5; real = 2 × stored + 1
        assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12},
                map.valuesOver(new SourceImageKey("2.25.888.2", 1, null, null)).orElseThrow());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6},
                map.valuesOver(new SourceImageKey("2.25.888.1", 1, null, null)).orElseThrow());
        assertTrue(map.valuesOver(new SourceImageKey("2.25.888.3", 1, null, null)).isEmpty());
    }

    @Test
    void aLookupTableMappingIsRefusedByName() throws Exception {
        Path file = write(true);
        DerivedObjectException e = assertThrows(DerivedObjectException.class,
                () -> new ParametricMapReader().read(file));
        assertEquals(0x00409212, e.tag());
    }
}
