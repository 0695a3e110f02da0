package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DicomDictionaryTest {
    private final DicomDictionary dictionary = DicomDictionary.standard();

    @Test
    void standardTagsHaveTheirKeywordNameAndVr() {
        assertEquals("PatientName", dictionary.keyword(Tag.PatientName));
        assertEquals("Patient Name", dictionary.name(Tag.PatientName));
        assertEquals(VR.PN, dictionary.vr(Tag.PatientName));
        assertEquals(VR.SQ, dictionary.vr(Tag.ReferencedSeriesSequence));
        assertEquals(VR.UI, dictionary.vr(Tag.TransferSyntaxUID));
        assertEquals(VR.OV, dictionary.vr(Tag.ExtendedOffsetTable));
        assertEquals("SOP Instance UID", dictionary.name(Tag.SOPInstanceUID));
        assertEquals(Tag.WindowCenter, dictionary.tagOf("WindowCenter"));
        assertEquals(-1, dictionary.tagOf("NoSuchKeyword"));
        assertTrue(dictionary.size() > 4000, "entries: " + dictionary.size());
    }

    @Test
    void ambiguousVrsResolveToThePs35Defaults() {
        assertEquals("xs", dictionary.lookup(Tag.PixelPaddingValue).vrCode());
        assertEquals(VR.US, dictionary.vr(Tag.PixelPaddingValue));
        assertEquals(VR.OW, dictionary.vr(Tag.PixelData));
        assertEquals(VR.UL, dictionary.vr(Tag.OffsetOfTheNextDirectoryRecord));
        assertNull(dictionary.vr(Tag.Item));
    }

    @Test
    void repeatingGroupsGroupLengthsAndPrivateCreators() {
        assertEquals("OverlayData", dictionary.keyword(0x60003000));
        assertEquals("OverlayData", dictionary.keyword(0x601E3000));
        assertNull(dictionary.lookup(0x60013000), "odd groups are private, not overlays");
        assertEquals(VR.US, dictionary.vr(0x60020010)); // OverlayRows in the second overlay group
        assertTrue(dictionary.lookup(0x50100005) != null, "curve groups 50xx");
        assertEquals(VR.UL, dictionary.vr(0x00280000));
        assertEquals("GroupLength", dictionary.keyword(0x00090000));
        assertEquals(VR.LO, dictionary.vr(0x00290010));
        assertNull(dictionary.lookup(0x00291010), "private data elements are not in the standard");
        assertSame(DicomDictionary.standard(), dictionary);
    }
}
