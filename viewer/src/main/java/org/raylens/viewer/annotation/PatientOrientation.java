package org.raylens.viewer.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * Which way the patient lies in the stored image: the patient direction of increasing column index ({@code row},
 * the direction along a row, to the right) and of increasing row index ({@code column}, downwards), as the letters of
 * Patient Orientation (0020,0020): L/R (left/right), A/P (anterior/posterior), H/F (head/foot), several letters for an
 * oblique direction ("LA"). Read from Patient Orientation or, lacking it, derived from Image Orientation (Patient)
 * (0020,0037) direction cosines.
 *
 * <p>{@link #edges} turns them into the labels of the view's four edges under any quarter turn and flip, straight
 * from the {@link org.raylens.viewer.image.ViewTransform}, so a marker can never disagree with the image underneath.
 */
public record PatientOrientation(String row, String column) {

    /** Image Orientation (Patient) (0020,0037): row then column direction cosines in the patient frame (LPS). */
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;

    /** A direction cosine smaller than this contributes no letter (a few degrees off an axis stays one letter). */
    private static final double OBLIQUE_LETTER_THRESHOLD = 0.25;

    public PatientOrientation {
        row = normalise(row);
        column = normalise(column);
        if (row.isEmpty() || column.isEmpty()) {
            throw new IllegalArgumentException("both directions needed: '" + row + "', '" + column + "'");
        }
    }

    /** The labels of the view's edges. */
    public record Edges(String left, String right, String top, String bottom) {}

    /** The orientation a header states, or empty when it states none (or only part of one). */
    public static Optional<PatientOrientation> of(DicomObject header) {
        String[] po = header.getStrings(Tag.PatientOrientation);
        if (po.length == 2 && valid(po[0]) && valid(po[1])) {
            return Optional.of(new PatientOrientation(po[0], po[1]));
        }
        double[] iop = header.getDoubles(IMAGE_ORIENTATION_PATIENT);
        if (iop.length == 6) {
            String row = fromCosines(iop[0], iop[1], iop[2]);
            String col = fromCosines(iop[3], iop[4], iop[5]);
            if (!row.isEmpty() && !col.isEmpty()) {
                return Optional.of(new PatientOrientation(row, col));
            }
        }
        return Optional.empty();
    }

    /**
     * Letters of a direction in the DICOM patient frame (x towards the patient's left, y posterior, z head), largest
     * component first.
     */
    static String fromCosines(double x, double y, double z) {
        record Part(double magnitude, char letter) {}
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(Math.abs(x), x > 0 ? 'L' : 'R'));
        parts.add(new Part(Math.abs(y), y > 0 ? 'P' : 'A'));
        parts.add(new Part(Math.abs(z), z > 0 ? 'H' : 'F'));
        parts.sort((p, q) -> Double.compare(q.magnitude(), p.magnitude()));
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.magnitude() > OBLIQUE_LETTER_THRESHOLD && Double.isFinite(p.magnitude())) {
                sb.append(p.letter());
            }
        }
        return sb.toString();
    }

    /** The opposite direction, letter by letter ("LF" → "RH"). */
    public static String opposite(String direction) {
        StringBuilder sb = new StringBuilder(direction.length());
        for (char c : direction.toCharArray()) {
            sb.append(switch (c) {
                case 'L' -> 'R';
                case 'R' -> 'L';
                case 'A' -> 'P';
                case 'P' -> 'A';
                case 'H' -> 'F';
                case 'F' -> 'H';
                default -> c;
            });
        }
        return sb.toString();
    }

    /**
     * The labels of the view's edges for a view whose map to the source is {@code view}: moving right on screen
     * walks (a, d) source pixels, moving down (b, e); each edge gets the patient direction of that walk.
     */
    public Edges edges(org.raylens.viewer.image.ViewTransform view) {
        String right = direction(view.a(), view.d());
        String bottom = direction(view.b(), view.e());
        return new Edges(opposite(right), right, opposite(bottom), bottom);
    }

    private String direction(double sx, double sy) {
        if (Math.abs(sx) >= Math.abs(sy)) {
            return sx >= 0 ? row : opposite(row);
        }
        return sy >= 0 ? column : opposite(column);
    }

    private static boolean valid(String s) {
        return !normalise(s).isEmpty();
    }

    /** Upper case, only the six direction letters; anything else (a stray 'S' for head in old files) mapped. */
    private static String normalise(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.strip().toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            char d = c == 'S' ? 'H' : c == 'I' ? 'F' : c;
            if ("LRAPHF".indexOf(d) >= 0) {
                sb.append(d);
            }
        }
        return sb.toString();
    }
}
