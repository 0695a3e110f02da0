package org.raylens.app.open;

/** A study or image could not be loaded; the message names the file and says what went wrong. */
public class StudyLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public StudyLoadException(String message) {
        super(message);
    }

    public StudyLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
