package org.raylens.viewer.dicomweb;

import java.util.Objects;
import java.util.regex.Pattern;

/** One instance on a DICOMweb server, by its three UIDs (checked, since they become URL path segments). */
public record InstanceRef(String studyUid, String seriesUid, String sopInstanceUid) {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    public InstanceRef {
        requireUid(studyUid, "Study Instance UID");
        requireUid(seriesUid, "Series Instance UID");
        requireUid(sopInstanceUid, "SOP Instance UID");
    }

    /** The WADO-RS path under the DICOMweb root. */
    String path() {
        return "studies/" + studyUid + "/series/" + seriesUid + "/instances/" + sopInstanceUid;
    }

    static String requireUid(String uid, String what) {
        Objects.requireNonNull(uid, what);
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + uid + "'");
        }
        return uid;
    }
}
