package org.raylens.viewer.derived;

import java.nio.file.Path;

/** A structured report that is another template than TID 1500 (or no SR at all): nothing to tabulate, not broken. */
public class NotAMeasurementReportException extends DerivedObjectException {
    private static final long serialVersionUID = 1L;

    public NotAMeasurementReportException(String reason, Path file, int tag) {
        super(reason, file, tag);
    }
}
