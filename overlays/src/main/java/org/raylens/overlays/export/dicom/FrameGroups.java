package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.dicom.VR;

/**
 * The multi-frame functional groups and dimensions a SEG and a Parametric Map of one source frame share. Every frame
 * lies on the one source frame, so geometry is shared: for a source with a patient frame of reference its pixel
 * measures, orientation and (per frame) position are copied; for a projection radiograph (DX, CR: no Image
 * Position/Orientation) the plane groups are left out — PS3.3 makes them conditional on a frame of reference — and
 * frames are matched to the source by the Derivation Image reference and pixel grid alone, as dcmqi and highdicom do.
 */
final class FrameGroups {
    private FrameGroups() {}

    /** Shared Functional Groups: geometry when the source has one, the writer adds its own groups to it. */
    static DicomObject shared(SourceImage.PatientGeometry geometry) {
        DicomObject groups = DerivedHeader.item();
        if (geometry != null) {
            DicomObject measures = DerivedHeader.item();
            measures.setDecimals(Tag.PixelSpacing, geometry.spacing());
            double thickness = geometry.thickness() == null ? 1.0 : geometry.thickness();
            measures.setDecimals(DerivedTags.SliceThickness, thickness);
            groups.setSequence(DerivedTags.PixelMeasuresSequence, List.of(measures));
            DicomObject orientation = DerivedHeader.item();
            orientation.setDecimals(DerivedTags.ImageOrientationPatient, geometry.orientation());
            groups.setSequence(DerivedTags.PlaneOrientationSequence, List.of(orientation));
        }
        return groups;
    }

    /** One frame's Frame Content (dimension index values) and, with geometry, its Plane Position. */
    static DicomObject perFrame(SourceImage.PatientGeometry geometry, int... dimensionIndexValues) {
        DicomObject groups = DerivedHeader.item();
        DicomObject content = DerivedHeader.item();
        content.setInts(DerivedTags.DimensionIndexValues, VR.UL, dimensionIndexValues);
        groups.setSequence(DerivedTags.FrameContentSequence, List.of(content));
        if (geometry != null) {
            DicomObject position = DerivedHeader.item();
            position.setDecimals(DerivedTags.ImagePositionPatient, geometry.position());
            groups.setSequence(DerivedTags.PlanePositionSequence, List.of(position));
        }
        return groups;
    }

    /**
     * Writes the Multi-frame Dimension module: one dimension per {index pointer, functional group pointer} pair,
     * in order, under one new Dimension Organization UID.
     */
    static void dimensions(DicomObject d, List<int[]> pointers, List<String> labels) {
        String organization = UidGenerator.random();
        DicomObject org = DerivedHeader.item();
        org.setString(DerivedTags.DimensionOrganizationUID, VR.UI, organization);
        d.setSequence(DerivedTags.DimensionOrganizationSequence, List.of(org));
        List<DicomObject> index = new ArrayList<>();
        for (int i = 0; i < pointers.size(); i++) {
            DicomObject item = DerivedHeader.item();
            item.setString(DerivedTags.DimensionOrganizationUID, VR.UI, organization);
            item.setInts(DerivedTags.DimensionIndexPointer, VR.AT, atValue(pointers.get(i)[0]));
            item.setInts(DerivedTags.FunctionalGroupPointer, VR.AT, atValue(pointers.get(i)[1]));
            item.setString(DerivedTags.DimensionDescriptionLabel, VR.LO, labels.get(i));
            index.add(item);
        }
        d.setSequence(DerivedTags.DimensionIndexSequence, index);
    }

    /** An AT value is written as group then element, each a little-endian 16-bit word. */
    private static int atValue(int tag) {
        return (Tag.element(tag) << 16) | Tag.group(tag);
    }
}
