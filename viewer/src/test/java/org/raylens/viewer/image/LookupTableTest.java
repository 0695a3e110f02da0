package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicom.pixel.SyntheticDicom;

class LookupTableTest {

    static DicomObject lutItem(int[] descriptor, VR descriptorVr, byte[] data) {
        DicomObject item = new DicomObject();
        item.setInts(Tag.LUTDescriptor, descriptorVr, descriptor);
        item.setBytes(Tag.LUTData, VR.OW, data);
        return item;
    }

    @Test
    void zeroEntriesMeans65536() throws Exception {
        int[] words = new int[65536];
        for (int i = 0; i < words.length; i++) {
            words[i] = 65535 - i;
        }
        LookupTable t = LookupTable.parse(lutItem(new int[] {0, 0, 16}, VR.US, SyntheticDicom.le16(words)), false,
                null);
        assertEquals(65536, t.entries());
        assertEquals(65535, t.lookup(0));
        assertEquals(0, t.lookup(65535));
    }

    @Test
    void firstMappedIsSignedForSignedInputWhateverItsVr() throws Exception {
        byte[] data = SyntheticDicom.le16(10, 20, 30, 40);
        for (VR vr : new VR[] {VR.US, VR.SS}) {
            LookupTable t = LookupTable.parse(lutItem(new int[] {4, -2048, 16}, vr, data), true, null);
            assertEquals(-2048, t.firstMapped());
            assertEquals(10, t.lookup(-2048));
            assertEquals(20, t.lookup(-2047));
            assertEquals(10, t.lookup(-5000), "below the table clamps to the first entry");
            assertEquals(40, t.lookup(5000), "above the table clamps to the last entry");
        }
        LookupTable unsigned = LookupTable.parse(lutItem(new int[] {4, 0xF800, 16}, VR.US, data), false, null);
        assertEquals(0xF800, unsigned.firstMapped());
    }

    @Test
    void eightBitEntriesOnePerWordOrPackedTwoPerWord() throws Exception {
        LookupTable perWord = LookupTable.parse(lutItem(new int[] {3, 0, 8}, VR.US,
                SyntheticDicom.le16(10, 20, 30)), false, null);
        assertArrayEquals(new int[] {10, 20, 30}, perWord.data());
        assertEquals(255, perWord.maxOutput());
        LookupTable packed = LookupTable.parse(lutItem(new int[] {4, 0, 8}, VR.US,
                SyntheticDicom.bytes(10, 20, 30, 40)), false, null);
        assertArrayEquals(new int[] {10, 20, 30, 40}, packed.data());
    }

    @Test
    void aDeclaredWidthTooSmallForTheDataIsWidened() throws Exception {
        LookupTable t = LookupTable.parse(lutItem(new int[] {2, 0, 12}, VR.US, SyntheticDicom.le16(0, 65535)), false,
                null);
        assertEquals(65535, t.maxOutput());
        LookupTable twelve = LookupTable.parse(lutItem(new int[] {2, 0, 12}, VR.US, SyntheticDicom.le16(0, 4095)),
                false, null);
        assertEquals(4095, twelve.maxOutput());
    }

    @Test
    void tooLittleDataIsATypedErrorNamingLutData() {
        PixelDataException e = assertThrows(PixelDataException.class, () -> LookupTable.parse(
                lutItem(new int[] {100, 0, 16}, VR.US, SyntheticDicom.le16(1, 2)), false, null));
        assertEquals(Tag.LUTData, e.tag());
        PixelDataException d = assertThrows(PixelDataException.class, () -> LookupTable.parse(
                lutItem(new int[] {100, 0}, VR.US, SyntheticDicom.le16(1, 2)), false, null));
        assertEquals(Tag.LUTDescriptor, d.tag());
    }
}
