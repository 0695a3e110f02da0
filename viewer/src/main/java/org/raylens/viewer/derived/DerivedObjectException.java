package org.raylens.viewer.derived;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;

/**
 * A DICOM Segmentation, Parametric Map or Structured Report that parses as DICOM but breaks its IOD's rules in a way
 * that stops RayLens from showing it: no Segment Sequence, a frame count that disagrees with the functional groups, a
 * bit depth the object type does not allow, a report that is not a TID 1500 measurement report. Names the file and
 * the tag, like every {@link DicomException}.
 */
public class DerivedObjectException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DerivedObjectException(String reason, Path file, int tag) {
        super(reason, file, tag, NO_OFFSET);
    }
}
