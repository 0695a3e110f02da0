package org.raylens.app.open;

import java.util.Objects;

/**
 * Where an instance belongs at one level of the browser's tree: the {@code key} it is grouped by (a Study Instance
 * UID, a folder's path) and the {@code label} shown. Two groups with the same label but different keys stay apart,
 * so two studies of one day with one description are still two studies. An empty label skips the level.
 */
public record Grouping(String key, String label) {

    /** No group at this level (plain image files have no patient). */
    public static final Grouping NONE = new Grouping("", "");

    public Grouping {
        key = Objects.requireNonNullElse(key, "");
        label = Objects.requireNonNullElse(label, "");
    }

    /** A group whose label is its key, for labels that are unique by themselves. */
    public static Grouping of(String label) {
        return new Grouping(label, label);
    }
}
