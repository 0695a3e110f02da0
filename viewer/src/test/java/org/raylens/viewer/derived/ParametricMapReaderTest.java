package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomObject;

/**
 * Parametric Maps written here (no Parametric Map is among the shared data): 32-bit float frames through a linear
 * Real World Value Mapping with its units, each frame placed on the image it was derived from.
 */
class ParametricMapReaderTest {

    @TempDir
    Path dir;

    private Path write(boolean lookupTable) throws Exception {
        Path file = dir.resolve(lookupTable ? "lut.dcm" : "pm.dcm");
        TinyParametricMap.write(file, 2, 3, List.of("2.25.888.1", "2.25.888.2"), lookupTable, new DicomObject());
        return file;
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
