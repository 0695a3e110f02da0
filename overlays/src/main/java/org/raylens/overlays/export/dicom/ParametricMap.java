package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.dicom.VR;

/**
 * Writes an explanation map (attention, rollout, Grad-CAM, …: a scalar {@link PatchMap}) as a DICOM Parametric Map
 * (PS3.3 A.75) over the source frame: 32-bit float pixel data at the source's full resolution, each source pixel
 * holding the raw value of the patch that covers it (nearest patch, as the model saw it: no smoothing is invented),
 * NaN where the model saw nothing (the border its crop or the last partial patch dropped). The Real World Value
 * Mapping is the identity with the map's finite range; its LUT Explanation and Label name the method and its layer,
 * head and class (the map's description), and the model and its weights SHA-256.
 */
public final class ParametricMap {

    /** Parametric Map Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.30";

    /** What to write; {@code map} must be scalar and its geometry's source size the source frame's. */
    public record Request(SourceImage source, PatchMap map, AlgorithmIdentity algorithm, Linkage linkage,
            boolean overwrite) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(map, "map");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(linkage, "linkage");
        }
    }

    private ParametricMap() {}

    /**
     * Image and Frame Type: derived, primary; Image Flavor VOLUME as dcmqi and highdicom write Parametric Maps (the
     * defined terms name no flavor for a map); Derived Pixel Contrast NONE.
     */
    private static final String[] IMAGE_TYPE = {"DERIVED", "PRIMARY", "VOLUME", "NONE"};

    /** The nominal plane of a projection source: see {@link #build}. */
    private static SourceImage.PatientGeometry nominalGeometry(SourceImage source) {
        double[] spacing = source.dataset().getDoubles(Tag.PixelSpacing);
        if (spacing.length != 2) {
            spacing = source.dataset().getDoubles(Tag.ImagerPixelSpacing);
        }
        if (spacing.length != 2 || !(spacing[0] > 0 && spacing[1] > 0)) {
            spacing = new double[] {1, 1};
        }
        return new SourceImage.PatientGeometry(new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0}, spacing, 1.0);
    }

    /** Builds and writes the Parametric Map; returns the dataset written. */
    public static DicomObject write(Request request, Path target) throws ExportException {
        DicomObject d = build(request, target, ZonedDateTime.now(ZoneId.systemDefault()));
        DerivedHeader.write(d, target, request.overwrite(), "DICOM Parametric Map");
        return d;
    }

    static DicomObject build(Request request, Path target, ZonedDateTime now) throws ExportException {
        SourceImage source = request.source();
        PatchMap map = request.map();
        DerivedHeader header = new DerivedHeader(source, request.linkage(), now, target);
        if (map.channels() != 1) {
            throw new ExportException("the " + map.method() + " map has " + map.channels() + " channels; a "
                    + "Parametric Map holds one value per pixel (the PCA colour map is a figure, not a quantity)",
                    target);
        }
        MapGeometry g = map.geometry();
        if (g.sourceWidth() != source.columns() || g.sourceHeight() != source.rows()) {
            throw new ExportException("the map was computed on a " + g.sourceWidth() + "×" + g.sourceHeight()
                    + " image but the source is " + source.columns() + "×" + source.rows(), target);
        }
        AlgorithmIdentity algorithm = request.algorithm();
        DicomObject d = header.common(SOP_CLASS_UID, "OT", "RayLens " + map.method() + " map", 9300, algorithm);
        d.setString(Tag.ImageType, VR.CS, IMAGE_TYPE);
        SourceImage.PatientGeometry geometry = source.geometry();
        String frameOfReference = header.frameOfReference();
        if (geometry == null) {
            // The Parametric Map IOD requires a Frame of Reference and plane position/orientation (unlike SEG), which
            // a projection radiograph does not have: the map gets a frame of reference of its own, shared with
            // nothing, and a nominal plane (identity orientation at the origin, the detector's pixel spacing). It is
            // laid over its source by the Derivation Image reference and the identical pixel grid, never by patient
            // coordinates. docs/decisions/dicom-results.md
            geometry = nominalGeometry(source);
            frameOfReference = UidGenerator.random();
        }
        d.setString(DerivedTags.FrameOfReferenceUID, VR.UI, frameOfReference);
        d.setString(DerivedTags.PositionReferenceIndicator, VR.LO, "");
        d.setSequence(Tag.ReferencedSeriesSequence, header.referencedSeries());
        String laterality = source.dataset().getString(Tag.Laterality);
        d.setString(Tag.Laterality, VR.CS, laterality == null ? "" : laterality);
        d.setSequence(DerivedTags.AcquisitionContextSequence, List.of());
        // Parametric Map Image module
        d.setString(DerivedTags.ContentLabel, VR.CS, "RAYLENS_MAP");
        d.setString(DerivedTags.ContentDescription, VR.LO, DerivedHeader.clip(map.method() + ": "
                + map.description(), 64));
        d.setString(DerivedTags.ContentCreatorName, VR.PN, "");
        d.setString(DerivedTags.ContentQualification, VR.CS, "RESEARCH");
        d.setString(DerivedTags.BurnedInAnnotation, VR.CS, "NO");
        d.setString(DerivedTags.RecognizableVisualFeatures, VR.CS, "NO");
        d.setString(Tag.LossyImageCompression, VR.CS, "00");
        d.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, source.rows());
        d.setInts(Tag.Columns, VR.US, source.columns());
        d.setInts(Tag.BitsAllocated, VR.US, 32);
        d.setInts(Tag.NumberOfFrames, VR.IS, 1);
        List<int[]> pointers = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        pointers.add(new int[] {DerivedTags.ImagePositionPatient, DerivedTags.PlanePositionSequence});
        labels.add("ImagePositionPatient");
        FrameGroups.dimensions(d, pointers, labels);
        float[] range = map.range();
        DicomObject shared = FrameGroups.shared(geometry);
        shared.setSequence(DerivedTags.RealWorldValueMappingSequence,
                List.of(realWorldValueMapping(map, algorithm, range)));
        DicomObject frameType = DerivedHeader.item();
        frameType.setString(DerivedTags.FrameType, VR.CS, IMAGE_TYPE);
        DicomObject identity = DerivedHeader.item();
        identity.setDecimals(Tag.RescaleIntercept, 0);
        identity.setDecimals(Tag.RescaleSlope, 1);
        identity.setString(Tag.RescaleType, VR.LO, "US");
        shared.setSequence(DerivedTags.PixelValueTransformationSequence, List.of(identity));
        shared.setSequence(DerivedTags.ParametricMapFrameTypeSequence, List.of(frameType));
        shared.setSequence(DerivedTags.DerivationImageSequence, List.of(header.derivationImage(
                new Code("113073", "DCM", "Image Processing"), map.provenance())));
        d.setSequence(DerivedTags.SharedFunctionalGroupsSequence, List.of(shared));
        d.setSequence(DerivedTags.PerFrameFunctionalGroupsSequence, List.of(FrameGroups.perFrame(geometry, 1)));
        d.setBytes(Tag.FloatPixelData, VR.OF, floats(sourcePixels(map)));
        return d;
    }

    /**
     * The identity mapping from stored float to the map's value, in no units, named: the explanation says which
     * method with which layer, head and class, on which model.
     */
    private static DicomObject realWorldValueMapping(PatchMap map, AlgorithmIdentity algorithm, float[] range) {
        DicomObject m = DerivedHeader.item();
        m.setString(Tag.LUTExplanation, VR.LO, DerivedHeader.clip(map.method() + " (" + map.description() + ") of "
                + algorithm.modelName(), 64));
        m.setString(DerivedTags.LUTLabel, VR.SH, DerivedHeader.clip(map.method(), 16));
        m.setBytes(DerivedTags.DoubleFloatRealWorldValueFirstValueMapped, VR.FD, doubles(range[0]));
        m.setBytes(DerivedTags.DoubleFloatRealWorldValueLastValueMapped, VR.FD, doubles(range[1]));
        m.setBytes(DerivedTags.RealWorldValueIntercept, VR.FD, doubles(0));
        m.setBytes(DerivedTags.RealWorldValueSlope, VR.FD, doubles(1));
        m.setSequence(DerivedTags.MeasurementUnitsCodeSequence, List.of(Code.NO_UNITS.item()));
        return m;
    }

    /** Each source pixel's patch value (by the pixel's centre), NaN where no patch covers it. */
    static float[] sourcePixels(PatchMap map) {
        MapGeometry g = map.geometry();
        float[] out = new float[g.sourceWidth() * g.sourceHeight()];
        for (int y = 0; y < g.sourceHeight(); y++) {
            for (int x = 0; x < g.sourceWidth(); x++) {
                int[] patch = g.patchAt(x + 0.5, y + 0.5);
                out[y * g.sourceWidth() + x] = patch == null ? Float.NaN : map.value(patch[0], patch[1]);
            }
        }
        return out;
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
