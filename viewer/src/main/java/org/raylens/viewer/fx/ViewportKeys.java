package org.raylens.viewer.fx;

import javafx.scene.input.KeyCode;
import org.raylens.viewer.measure.ImageMeasurements;

/**
 * The viewport's keyboard shortcuts, in one place so the help text cannot drift from what the keys do. Number keys
 * select the file's own VOI presets in file order; {@code A} ("actual pixels") is 1:1 because a literal "1" is
 * already the first preset.
 */
public final class ViewportKeys {

    /** Shown in the viewport's help tooltip; lists exactly what {@link #apply} handles, plus the mouse. */
    public static final String HELP_TEXT = String.join("\n",
            "Mouse",
            "  Wheel            zoom about the cursor",
            "  Left drag        pan",
            "  Right drag       window/level: sideways = width, up/down = centre",
            "Keys",
            "  1 - 9            VOI presets: the file's own, then lung, soft tissue, bone",
            "  0                default window",
            "  I                invert",
            "  F                fit to window",
            "  A                actual pixels (1:1)",
            "  ] / [            rotate 90\u00b0 clockwise / counter-clockwise",
            "  H                flip left-right",
            "  R                reset view and window",
            "Measure",
            "  M                measuring tool (as Weasis's M): distance, rectangle ROI, ellipse ROI, angle,",
            "                   freehand ROI, off; left drag draws, a drag on a handle moves that point",
            "  Angle            three clicks: first arm's end, vertex, second arm's end",
            "  Escape           drop the shape being drawn",
            "  Delete           delete the last measurement on this image",
            "  Shift+Delete     delete every measurement on this image");

    private ViewportKeys() {
    }

    /**
     * Applies the shortcut for {@code key} to {@code model}.
     *
     * @return true when the key is a viewport shortcut (the event should then be consumed), even when it changed
     *         nothing (a preset number the file does not have)
     */
    public static boolean apply(KeyCode key, ViewportModel model) {
        int digit = digit(key);
        if (digit == 0) {
            model.selectDefaultWindow();
            return true;
        }
        if (digit > 0) {
            model.selectPreset(digit);
            return true;
        }
        switch (key) {
            case I -> model.toggleInvert();
            case F -> model.fit();
            case A -> model.actualPixels();
            case R -> model.reset();
            case CLOSE_BRACKET -> model.rotateClockwise();
            case OPEN_BRACKET -> model.rotateCounterClockwise();
            case H -> model.flipHorizontal();
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies a measuring shortcut: M cycles the tool, Escape drops the shape being drawn, Delete (or Backspace) removes the last measurement, with
     * Shift all of this image's measurements. Shift is read from the event by the caller through {@code shift}.
     *
     * @return true when the key is a measuring shortcut
     */
    public static boolean applyMeasureKey(KeyCode key, ImageMeasurements measurements, boolean shift) {
        switch (key) {
            case M -> measurements.setTool(measurements.tool().next());
            case ESCAPE -> {
                if (!measurements.gesture().isDrawing()) {
                    return false; // Escape stays free for dialogs and full screen
                }
                measurements.gesture().cancel();
            }
            case DELETE, BACK_SPACE -> {
                if (shift) {
                    measurements.clear();
                } else {
                    measurements.removeLast();
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** 0–9 for the digit keys of the main row and the keypad, -1 for anything else. */
    static int digit(KeyCode key) {
        if (key.isDigitKey()) {
            String name = key.getName();
            char last = name.charAt(name.length() - 1);
            return Character.isDigit(last) ? last - '0' : -1;
        }
        return -1;
    }
}
