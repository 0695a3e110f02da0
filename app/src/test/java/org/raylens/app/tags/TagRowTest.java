package org.raylens.app.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomDictionary;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

class TagRowTest {

    @Test
    void listsElementsInTagOrderWithNamesValuesAndNestedSequences() {
        DicomObject item = new DicomObject();
        item.setString(0x00080100, VR.SH, "113681");
        DicomObject ds = new DicomObject();
        ds.setInts(Tag.Rows, VR.US, 3000);
        ds.setString(Tag.PatientName, VR.PN, "DOE^JOHN");
        ds.setDecimals(Tag.PixelSpacing, 0.139, 0.139);
        ds.setSequence(0x00540220, List.of(item));
        List<TagRow> rows = TagRow.of(ds, DicomDictionary.standard());
        assertEquals(List.of("(0010,0010)", "(0028,0010)", "(0028,0030)"),
                rows.stream().map(TagRow::tag).filter(t -> !t.startsWith("(0054")).toList());
        TagRow name = rows.get(0);
        assertEquals("PN", name.vr());
        assertEquals("DOE^JOHN", name.value());
        assertTrue(name.name().toLowerCase().contains("patient"), name.name());
        assertEquals("3000", rows.get(1).value());
        assertEquals("0.139\\0.139", rows.get(2).value());
        TagRow seq = rows.get(3);
        assertEquals("SQ", seq.vr());
        assertEquals("1 item", seq.value());
        assertEquals("Item 1", seq.children().get(0).name());
        assertEquals("113681", seq.children().get(0).children().get(0).value());
    }
}
