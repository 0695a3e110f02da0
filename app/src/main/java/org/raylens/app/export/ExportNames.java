package org.raylens.app.export;

import org.raylens.viewer.source.ImageSource;

/**
 * The file name an export dialog suggests: the shown image's name and what the export is, so exports of several
 * images (or of several frames of one file) do not all start as "figure.png". Built from the source's display name
 * ("IM1.dcm frame 3" becomes "IM1-frame-3"), kept to characters every file system takes.
 */
public final class ExportNames {

    private static final int MAX_STEM = 80;

    private ExportNames() {
    }

    /**
     * @param source the image on screen, or null
     * @param what   what is exported, with its extension ("figure.png", "sc.dcm")
     */
    public static String of(ImageSource source, String what) {
        String stem = source == null ? "" : stem(source);
        return stem.isEmpty() ? what : stem + "-" + what;
    }

    /**
     * The image's name without extension, frame included, safe in a file name ("IM1-frame-3"); empty when nothing
     * of the name is left. Batch outputs named after their images use it too.
     */
    public static String stem(ImageSource source) {
        String name = source.displayName();
        String frame = "";
        int at = name.lastIndexOf(" frame ");
        if (at > 0) {
            frame = "-frame-" + name.substring(at + " frame ".length());
            name = name.substring(0, at);
        }
        int dot = name.lastIndexOf('.');
        String stem = ((dot > 0 ? name.substring(0, dot) : name) + frame).replaceAll("[^A-Za-z0-9._-]+", "_");
        if (stem.length() > MAX_STEM) {
            stem = stem.substring(0, MAX_STEM);
        }
        return stem.chars().allMatch(c -> c == '_' || c == '.') ? "" : stem;
    }
}
