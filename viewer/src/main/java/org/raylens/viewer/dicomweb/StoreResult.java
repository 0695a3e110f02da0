package org.raylens.viewer.dicomweb;

import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;

/**
 * What a STOW-RS server says it did with the instances sent: the ones it stored (Referenced SOP Sequence) and the
 * ones it refused (Failed SOP Sequence, with the DICOM failure reason code, e.g. 0xA700 out of resources,
 * 0xC000 cannot understand).
 */
public record StoreResult(List<Stored> stored, List<Failed> failed) {

    private static final int REFERENCED_SOP_SEQUENCE = 0x00081199;
    private static final int FAILED_SOP_SEQUENCE = 0x00081198;
    private static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
    private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
    private static final int RETRIEVE_URL = 0x00081190;
    private static final int FAILURE_REASON = 0x00081197;

    public record Stored(String sopClassUid, String sopInstanceUid, String retrieveUrl) {}

    public record Failed(String sopClassUid, String sopInstanceUid, int reason) {}

    public StoreResult {
        stored = List.copyOf(stored);
        failed = List.copyOf(failed);
    }

    static StoreResult of(DicomObject response) {
        List<Stored> stored = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        for (DicomObject item : response.getSequence(REFERENCED_SOP_SEQUENCE)) {
            stored.add(new Stored(item.getString(REFERENCED_SOP_CLASS_UID, ""),
                    item.getString(REFERENCED_SOP_INSTANCE_UID, ""), item.getString(RETRIEVE_URL, "")));
        }
        for (DicomObject item : response.getSequence(FAILED_SOP_SEQUENCE)) {
            failed.add(new Failed(item.getString(REFERENCED_SOP_CLASS_UID, ""),
                    item.getString(REFERENCED_SOP_INSTANCE_UID, ""), item.getInt(FAILURE_REASON, -1)));
        }
        return new StoreResult(stored, failed);
    }
}
