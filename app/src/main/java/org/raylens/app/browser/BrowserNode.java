package org.raylens.app.browser;

import java.util.List;
import java.util.Locale;
import org.raylens.app.open.StudyInstance;

/**
 * One row of the study browser's tree: a patient, study or series (with children) or an instance (a leaf that
 * opens). Plain data, so the grouping and filtering are tested without controls.
 */
public record BrowserNode(Kind kind, String label, StudyInstance instance, List<BrowserNode> children) {

    /**
     * DERIVED: a segmentation, parametric map or report made from the series above it (a leaf that opens nothing);
     * SOURCE_NOT_OPEN: the group of derived objects whose source series is not open.
     */
    public enum Kind { PATIENT, STUDY, SERIES, INSTANCE, DERIVED, SOURCE_NOT_OPEN }

    /** The label of a group of derived objects whose source series is not open. */
    public static String sourceNotOpenLabel(String seriesUid) {
        return "References series not open: " + seriesUid;
    }

    public BrowserNode {
        children = List.copyOf(children);
    }

    static BrowserNode leaf(StudyInstance instance) {
        return new BrowserNode(Kind.INSTANCE, instance.instanceLabel(), instance, List.of());
    }

    static BrowserNode derived(org.raylens.viewer.study.DerivedObject object) {
        return new BrowserNode(Kind.DERIVED, object.label(), null, List.of());
    }

    /** Instances under this node, in tree order. */
    public List<StudyInstance> instances() {
        if (instance != null) {
            return List.of(instance);
        }
        return children.stream().flatMap(c -> c.instances().stream()).toList();
    }

    /** The text shown, with the number of images for grouping rows. */
    public String displayText() {
        if (kind == Kind.INSTANCE || kind == Kind.DERIVED) {
            return label;
        }
        if (kind == Kind.SOURCE_NOT_OPEN) {
            return label + "  (" + children.size() + (children.size() == 1 ? " object)" : " objects)");
        }
        int n = instances().size();
        return label + "  (" + n + (n == 1 ? " image)" : " images)");
    }

    boolean matches(String lowerCaseQuery) {
        return label.toLowerCase(Locale.ROOT).contains(lowerCaseQuery);
    }
}
