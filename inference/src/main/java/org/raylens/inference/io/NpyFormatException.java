package org.raylens.inference.io;

import java.io.IOException;

/** A .npy file RayLens cannot read: bad magic, unsupported dtype or order, or fewer bytes than its shape needs. */
public class NpyFormatException extends IOException {
    public NpyFormatException(String message) {
        super(message);
    }
}
