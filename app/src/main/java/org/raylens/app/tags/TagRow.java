package org.raylens.app.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.raylens.viewer.dicom.DicomDictionary;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * One row of the DICOM tag browser: tag, VR, dictionary name and the value as text; sequences hold their items as
 * children ("Item 1", "Item 2", …) whose children are the items' elements. Built from a parsed dataset without any
 * JavaFX, so it is tested on synthetic datasets.
 */
public record TagRow(String tag, String vr, String name, String value, List<TagRow> children) {

    /** Longest value text shown; longer values end in an ellipsis and their length. */
    static final int MAX_VALUE_CHARS = 200;

    public TagRow {
        children = List.copyOf(children);
    }

    /** Rows for every element of {@code dataset}, in tag order. */
    public static List<TagRow> of(DicomObject dataset, DicomDictionary dictionary) {
        List<DicomElement> elements = new ArrayList<>(dataset.elements());
        elements.sort((a, b) -> Integer.compareUnsigned(a.tag(), b.tag()));
        List<TagRow> rows = new ArrayList<>();
        for (DicomElement e : elements) {
            rows.add(row(dataset, e, dictionary));
        }
        return rows;
    }

    private static TagRow row(DicomObject ds, DicomElement e, DicomDictionary dictionary) {
        String name = dictionary.name(e.tag());
        String vr = e.vr() == null ? "" : e.vr().name();
        if (e.isSequence()) {
            List<TagRow> items = new ArrayList<>();
            List<DicomObject> list = e.items() == null ? List.of() : e.items();
            for (int i = 0; i < list.size(); i++) {
                items.add(new TagRow("", "", "Item " + (i + 1), "", of(list.get(i), dictionary)));
            }
            return new TagRow(Tag.toString(e.tag()), vr, name, list.size() + (list.size() == 1 ? " item" : " items"),
                    items);
        }
        return new TagRow(Tag.toString(e.tag()), vr, name, valueText(ds, e), List.of());
    }

    static String valueText(DicomObject ds, DicomElement e) {
        if (e.isBulkData()) {
            return "(" + e.length() + " bytes, read on demand)";
        }
        if (e.value() == null) {
            return "";
        }
        VR vr = e.vr();
        String text;
        if (vr != null && vr.isText()) {
            text = ds.getText(e.tag());
        } else if (vr == VR.US || vr == VR.SS || vr == VR.UL || vr == VR.SL) {
            text = Arrays.stream(ds.getInts(e.tag())).mapToObj(Integer::toString).collect(Collectors.joining("\\"));
        } else if (vr == VR.FL || vr == VR.FD) {
            text = Arrays.stream(ds.getDoubles(e.tag())).mapToObj(Double::toString)
                    .collect(Collectors.joining("\\"));
        } else if (vr == VR.AT) {
            int[] v = ds.getInts(e.tag());
            text = Arrays.stream(v).mapToObj(Tag::toString).collect(Collectors.joining("\\"));
        } else {
            return "(" + e.value().length + " bytes)";
        }
        if (text == null) {
            return "";
        }
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "\u2026 (" + text.length()
                + " characters)" : text;
    }
}
