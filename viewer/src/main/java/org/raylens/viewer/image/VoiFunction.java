package org.raylens.viewer.image;

/** (0028,1056) VOI LUT Function (PS3.3 C.11.2.1.3). */
public enum VoiFunction {
    LINEAR, LINEAR_EXACT, SIGMOID;

    /** The function for a defined term; LINEAR when absent or unknown, as the standard says. */
    public static VoiFunction of(String term) {
        if (term == null) {
            return LINEAR;
        }
        return switch (term.strip()) {
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> LINEAR;
        };
    }
}
