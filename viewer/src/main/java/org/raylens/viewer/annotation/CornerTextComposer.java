package org.raylens.viewer.annotation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * Builds the corner text from a DICOM header (null for a PNG or JPEG, which has none) and the view's state, laid out
 * by a {@link CornerLayout}. An item with no value (a header without a study description) gives no line rather than
 * an empty label, so the corners stay short.
 */
public final class CornerTextComposer {

    private final CornerLayout layout;

    public CornerTextComposer(CornerLayout layout) {
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
    }

    public CornerText compose(DicomObject header, ViewState view) {
        EnumMap<Corner, List<CornerText.Line>> out = new EnumMap<>(Corner.class);
        for (Corner corner : Corner.values()) {
            List<CornerText.Line> lines = new ArrayList<>();
            for (CornerField field : layout.in(corner)) {
                String text = text(field, header, view);
                if (text != null && !text.isBlank()) {
                    lines.add(new CornerText.Line(field, text));
                }
            }
            out.put(corner, lines);
        }
        return new CornerText(out);
    }

    /** The line for one item, or null when there is nothing to say. */
    static String text(CornerField field, DicomObject h, ViewState view) {
        return switch (field) {
            case PATIENT_NAME -> h == null ? null : personName(h.getText(Tag.PatientName));
            case PATIENT_ID -> h == null ? null : prefixed("ID ", h.getString(Tag.PatientID));
            case BIRTH_DATE_AND_SEX -> h == null ? null : birthAndSex(h);
            case STUDY_DATE -> h == null ? null : date(h.getString(Tag.StudyDate));
            case STUDY_DESCRIPTION -> h == null ? null : h.getString(Tag.StudyDescription);
            case SERIES_AND_INSTANCE -> h == null ? null
                    : joined("  ", prefixed("Se ", h.getString(Tag.SeriesNumber)),
                            prefixed("Im ", h.getString(Tag.InstanceNumber)));
            case MODALITY_AND_VIEW -> h == null ? null
                    : joined(" ", h.getString(Tag.Modality), h.getString(Tag.ViewPosition));
            case WINDOW -> Double.isFinite(view.windowCenter()) && Double.isFinite(view.windowWidth())
                    ? "C " + number(view.windowCenter()) + "  W " + number(view.windowWidth()) : null;
            case ZOOM -> view.zoom() > 0 && Double.isFinite(view.zoom())
                    ? "Zoom " + number(view.zoom() * 100) + "%" : null;
            case MAP -> view.mapLabel();
        };
    }

    /** "Born 1940-03-05 F"; "Sex O" alone when there is no birth date (a bare letter would say nothing). */
    private static String birthAndSex(DicomObject h) {
        String born = prefixed("Born ", date(h.getString(Tag.PatientBirthDate)));
        String sex = h.getString(Tag.PatientSex);
        return born == null ? prefixed("Sex ", sex) : joined(" ", born, sex);
    }

    /** "Doe^John^^Dr" → "Doe, John Dr": the caret groups of a DICOM person name made readable. */
    static String personName(String pn) {
        if (pn == null || pn.isBlank()) {
            return null;
        }
        String alphabetic = pn.split("=", -1)[0];
        String[] parts = alphabetic.split("\\^", -1);
        StringBuilder sb = new StringBuilder(parts[0].strip());
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                rest.add(parts[i].strip());
            }
        }
        if (!rest.isEmpty()) {
            sb.append(sb.length() > 0 ? ", " : "").append(String.join(" ", rest));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** A DA value "20040826" as "2004-08-26"; anything else as it is. */
    static String date(String da) {
        if (da != null && da.matches("\\d{8}")) {
            return da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6, 8);
        }
        return da;
    }

    private static String prefixed(String prefix, String value) {
        return value == null || value.isBlank() ? null : prefix + value;
    }

    private static String joined(String separator, String... values) {
        List<String> present = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                present.add(v);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }

    private static String number(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6 || Math.abs(v) >= 100) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
