package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * Any failure to read, decode or write DICOM. Every instance names what it can of where the problem is: the file,
 * the tag being read and the byte offset in the (possibly inflated) stream, so a user can report it precisely.
 */
public class DicomException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Marks an unknown tag or offset. */
    public static final int NO_TAG = -1;
    public static final long NO_OFFSET = -1L;

    private final Path file;
    private final int tag;
    private final long offset;
    private final String reason;

    public DicomException(String reason, Path file, int tag, long offset, Throwable cause) {
        super(format(reason, file, tag, offset), cause);
        this.reason = reason;
        this.file = file;
        this.tag = tag;
        this.offset = offset;
    }

    public DicomException(String reason, Path file, int tag, long offset) {
        this(reason, file, tag, offset, null);
    }

    public DicomException(String reason) {
        this(reason, null, NO_TAG, NO_OFFSET, null);
    }

    /** The file, or null when the source was not a file. */
    public Path file() {
        return file;
    }

    /** The tag being read, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** Byte offset in the stream where the problem was found, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }

    /** "file: tag (gggg,eeee) at byte N: reason", leaving out the parts that are unknown (one colon each). */
    private static String format(String reason, Path file, int tag, long offset) {
        StringBuilder location = new StringBuilder();
        if (file != null) {
            location.append(file).append(':');
        }
        if (tag != NO_TAG) {
            location.append(location.length() > 0 ? " " : "").append("tag ").append(Tag.toString(tag));
        }
        if (offset != NO_OFFSET) {
            location.append(location.length() > 0 ? " " : "").append("at byte ").append(offset);
        }
        if (location.length() == 0) {
            return reason;
        }
        if (location.charAt(location.length() - 1) != ':') {
            location.append(':');
        }
        return location.append(' ').append(reason).toString();
    }
}
