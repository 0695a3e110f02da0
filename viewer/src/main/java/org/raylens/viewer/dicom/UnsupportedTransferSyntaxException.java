package org.raylens.viewer.dicom;

import java.nio.file.Path;

/** The file is valid but its pixel data uses a transfer syntax RayLens cannot decode; names the syntax. */
public class UnsupportedTransferSyntaxException extends DicomException {
    private static final long serialVersionUID = 1L;

    private final String transferSyntaxUid;

    public UnsupportedTransferSyntaxException(String transferSyntaxUid, Path file) {
        super("transfer syntax " + TransferSyntax.describe(transferSyntaxUid) + " is not supported",
                file, Tag.TransferSyntaxUID, NO_OFFSET);
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }
}
