package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * Decides whether {@link DicomWriter} must declare {@code ISO_IR 192}: when a text value that depends on Specific
 * Character Set holds non-ASCII bytes and no (0008,0005) in its own dataset or an enclosing one governs it, a reader
 * would decode it as ASCII. RayLens builds text through {@link DicomObject#setString}, which encodes non-ASCII text as
 * UTF-8, so such bytes are UTF-8 and declaring ISO_IR 192 makes them mean what the caller wrote. Bytes that are not
 * valid UTF-8 have no knowable meaning and are refused.
 */
final class CharacterSetCheck {
    private CharacterSetCheck() {}

    static boolean needsUtf8Declaration(DicomObject dataset, Path file) throws DicomWriteException {
        return scan(dataset, dataset.contains(Tag.SpecificCharacterSet), file);
    }

    private static boolean scan(DicomObject object, boolean declared, Path file) throws DicomWriteException {
        boolean governed = declared || object.contains(Tag.SpecificCharacterSet);
        boolean needs = false;
        for (DicomElement e : object.elements()) {
            if (e.isSequence()) {
                for (DicomObject item : e.items()) {
                    needs |= scan(item, governed, file);
                }
            } else if (!governed && e.vr() != null && e.vr().usesSpecificCharacterSet() && !isAscii(e.value())) {
                if (!DicomWriter.isValidUtf8(e.value())) {
                    throw new DicomWriteException("text holds non-ASCII bytes that are not UTF-8 and no Specific "
                            + "Character Set (0008,0005) says what they mean", file, e.tag());
                }
                needs = true;
            }
        }
        return needs;
    }

    private static boolean isAscii(byte[] value) {
        if (value == null) {
            return true;
        }
        for (byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
