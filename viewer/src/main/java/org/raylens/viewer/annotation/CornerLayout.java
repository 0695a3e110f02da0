package org.raylens.viewer.annotation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which items go in which corner, top line first. The default follows the habit of Weasis and OHIF: who (top left),
 * which study and view (top right), how it is displayed (bottom left), what the model shows (bottom right).
 */
public record CornerLayout(Map<Corner, List<CornerField>> fields) {

    public CornerLayout {
        EnumMap<Corner, List<CornerField>> copy = new EnumMap<>(Corner.class);
        for (Corner c : Corner.values()) {
            copy.put(c, List.copyOf(fields.getOrDefault(c, List.of())));
        }
        fields = java.util.Collections.unmodifiableMap(copy);
    }

    public static CornerLayout standard() {
        return new CornerLayout(Map.of(
                Corner.TOP_LEFT, List.of(CornerField.PATIENT_NAME, CornerField.PATIENT_ID,
                        CornerField.BIRTH_DATE_AND_SEX),
                Corner.TOP_RIGHT, List.of(CornerField.STUDY_DATE, CornerField.STUDY_DESCRIPTION,
                        CornerField.SERIES_AND_INSTANCE, CornerField.MODALITY_AND_VIEW),
                Corner.BOTTOM_LEFT, List.of(CornerField.WINDOW, CornerField.ZOOM),
                Corner.BOTTOM_RIGHT, List.of(CornerField.MAP)));
    }

    public List<CornerField> in(Corner corner) {
        return fields.get(corner);
    }
}
