package org.raylens.viewer.annotation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The text of the four corners, each a list of lines top to bottom; a line knows whether it names the patient. */
public record CornerText(Map<Corner, List<Line>> lines) {

    /** One line of a corner. */
    public record Line(CornerField field, String text) {
        public boolean identifying() {
            return field.identifying();
        }
    }

    public CornerText {
        EnumMap<Corner, List<Line>> copy = new EnumMap<>(Corner.class);
        for (Corner c : Corner.values()) {
            copy.put(c, List.copyOf(lines.getOrDefault(c, List.of())));
        }
        lines = java.util.Collections.unmodifiableMap(copy);
    }

    public static CornerText empty() {
        return new CornerText(Map.of());
    }

    public List<Line> in(Corner corner) {
        return lines.get(corner);
    }

    /** The same text without the lines that name the patient (name, ID, birth date): what an export shows. */
    public CornerText deidentified() {
        EnumMap<Corner, List<Line>> kept = new EnumMap<>(Corner.class);
        for (var e : lines.entrySet()) {
            List<Line> list = new ArrayList<>();
            for (Line l : e.getValue()) {
                if (!l.identifying()) {
                    list.add(l);
                }
            }
            kept.put(e.getKey(), list);
        }
        return new CornerText(kept);
    }

    /** The text of {@code field} wherever it is, or null when it is not shown. */
    public String textOf(CornerField field) {
        for (List<Line> list : lines.values()) {
            for (Line l : list) {
                if (l.field() == field) {
                    return l.text();
                }
            }
        }
        return null;
    }
}
