package org.raylens.overlays.figure;

/**
 * The identifying header of the source image. A figure carries it but prints it only when the user asks for it
 * explicitly ({@link Figure.Builder#optIncludePatientIdentity}); by default figures are de-identified.
 */
public record PatientIdentity(String name, String id, String birthDate) {

    /** The header line burned into the figure when identity is included. */
    public String line() {
        return "Patient: " + orDash(name) + "   ID: " + orDash(id) + "   born: " + orDash(birthDate);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "\u2014" : s;
    }
}
