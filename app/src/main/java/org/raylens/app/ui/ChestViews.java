package org.raylens.app.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which images of a chest study are the frontal (PA or AP) and which the lateral view, for the PA + lateral
 * hanging. View Position (0018,5101) decides where it says PA/AP or LL/RL/LAT/LATERAL; otherwise Patient Orientation
 * (0020,0020): the row direction of a frontal view runs to the patient's left or right (L, R), that of a lateral to
 * anterior or posterior (A, P). PA is preferred to AP and a left lateral to a right one, as readers hang them.
 */
public final class ChestViews {

    /** What the hanging reads of an image's header: View Position and Patient Orientation, either may be null. */
    public record Described<T>(T image, String viewPosition, String patientOrientation) {}

    /** The pair to hang: the frontal view (shown in the main viewport) and the lateral. */
    public record Pair<T>(T frontal, T lateral) {}

    enum View { PA, AP, LEFT_LATERAL, RIGHT_LATERAL, LATERAL, OTHER }

    private ChestViews() {
    }

    static View classify(String viewPosition, String patientOrientation) {
        String vp = viewPosition == null ? "" : viewPosition.trim().toUpperCase(Locale.ROOT);
        switch (vp) {
            case "PA": return View.PA;
            case "AP": return View.AP;
            case "LL": return View.LEFT_LATERAL;
            case "RL": return View.RIGHT_LATERAL;
            case "LAT", "LATERAL", "LLD", "RLD": return View.LATERAL;
            default: break;
        }
        String po = patientOrientation == null ? "" : patientOrientation.trim().toUpperCase(Locale.ROOT);
        int sep = po.indexOf('\\');
        String row = sep < 0 ? po : po.substring(0, sep);
        if (row.startsWith("L") || row.startsWith("R")) {
            return View.PA; // frontal; PA or AP cannot be told from the orientation alone
        }
        if (row.startsWith("A") || row.startsWith("P")) {
            return View.LATERAL;
        }
        return View.OTHER;
    }

    /** The frontal and lateral images among {@code images} (one study's), or empty when either is missing. */
    public static <T> Optional<Pair<T>> pick(List<Described<T>> images) {
        T frontal = best(images, View.PA, View.AP);
        T lateral = best(images, View.LEFT_LATERAL, View.LATERAL, View.RIGHT_LATERAL);
        return frontal == null || lateral == null ? Optional.empty() : Optional.of(new Pair<>(frontal, lateral));
    }

    private static <T> T best(List<Described<T>> images, View... preference) {
        for (View wanted : preference) {
            for (Described<T> d : images) {
                if (classify(d.viewPosition(), d.patientOrientation()) == wanted) {
                    return d.image();
                }
            }
        }
        return null;
    }
}
