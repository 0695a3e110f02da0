package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Writes a classification adapter's scores for one image as a Comprehensive SR in RayLens's own small template
 * (not TID 1500: see docs/decisions/dicom-results.md). The tree:
 *
 * <pre>
 * CONTAINER (18748-4, LN, "Diagnostic imaging report")
 *   HAS CONCEPT MOD  CODE  Language of Content Item and Descendants = English
 *   HAS OBS CONTEXT  CODE  Observer Type = Device; UIDREF Device Observer UID; TEXT Device Observer Name, Model Name
 *   CONTAINS TEXT   Algorithm Name / Algorithm Version (weights SHA-256) / Algorithm Parameters (input recipe, adapter)
 *   CONTAINS IMAGE  Source = the image (and frame) scored
 *   CONTAINS CONTAINER (label, 99RAYLENS)            one per adapter label, in the adapter's order
 *     CONTAINS NUM   Probability            {no units}
 *     CONTAINS NUM   Decision threshold     {no units}
 *     CONTAINS TEXT  Decision               "at or above threshold" / "below threshold"
 * </pre>
 *
 * Adapter labels are free text with no standard code, so each label (and the three score concepts) is coded in the
 * private scheme {@code 99RAYLENS}, declared in the Coding Scheme Identification Sequence as PS3.16 §8 allows.
 */
public final class ScoresReport {

    /** Comprehensive SR Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.88.33";

    static final String SCHEME = "99RAYLENS";
    static final Code ROOT = new Code("18748-4", "LN", "Diagnostic imaging report");
    static final Code LANGUAGE = new Code("121049", "DCM", "Language of Content Item and Descendants");
    static final Code ENGLISH = new Code("en", "RFC5646", "English");
    static final Code OBSERVER_TYPE = new Code("121005", "DCM", "Observer Type");
    static final Code DEVICE = new Code("121007", "DCM", "Device");
    static final Code DEVICE_OBSERVER_UID = new Code("121012", "DCM", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = new Code("121013", "DCM", "Device Observer Name");
    static final Code DEVICE_OBSERVER_MODEL = new Code("121015", "DCM", "Device Observer Model Name");
    static final Code ALGORITHM_NAME = new Code("111001", "DCM", "Algorithm Name");
    static final Code ALGORITHM_VERSION = new Code("111003", "DCM", "Algorithm Version");
    static final Code ALGORITHM_PARAMETERS = new Code("111002", "DCM", "Algorithm Parameters");
    static final Code SOURCE = new Code("260753009", "SCT", "Source");
    static final Code PROBABILITY = new Code("PROBABILITY", SCHEME, "Probability");
    static final Code THRESHOLD = new Code("THRESHOLD", SCHEME, "Decision threshold");
    static final Code DECISION = new Code("DECISION", SCHEME, "Decision");

    /** One label's score as the adapter gave it. */
    public record Score(String label, double probability, double threshold, boolean above) {
        public Score {
            Objects.requireNonNull(label, "label");
            if (!Double.isFinite(probability) || !Double.isFinite(threshold)) {
                throw new IllegalArgumentException("score of " + label + " is not finite: " + probability);
            }
        }
    }

    /** What to write. */
    public record Request(SourceImage source, List<Score> scores, AlgorithmIdentity algorithm, Linkage linkage,
            boolean overwrite) {
        public Request {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(linkage, "linkage");
            scores = List.copyOf(scores);
            if (scores.isEmpty()) {
                throw new IllegalArgumentException("a scores report needs at least one score");
            }
        }
    }

    private ScoresReport() {}

    /** Builds and writes the SR; returns the dataset written. */
    public static DicomObject write(Request request, Path target) throws ExportException {
        DicomObject d = build(request, target, ZonedDateTime.now(ZoneId.systemDefault()));
        DerivedHeader.write(d, target, request.overwrite(), "DICOM SR");
        return d;
    }

    static DicomObject build(Request request, Path target, ZonedDateTime now) throws ExportException {
        DerivedHeader header = new DerivedHeader(request.source(), request.linkage(), now, target);
        AlgorithmIdentity algorithm = request.algorithm();
        DicomObject d = header.common(SOP_CLASS_UID, "SR", "RayLens scores: " + algorithm.name(), 9400, algorithm);
        d.setSequence(DerivedTags.ReferencedPerformedProcedureStepSequence, List.of());
        d.setString(DerivedTags.CompletionFlag, VR.CS, "COMPLETE");
        d.setString(DerivedTags.VerificationFlag, VR.CS, "UNVERIFIED");
        d.setSequence(DerivedTags.PerformedProcedureCodeSequence, List.of());
        d.setSequence(DerivedTags.CurrentRequestedProcedureEvidenceSequence, List.of(evidence(header)));
        d.setSequence(DerivedTags.CodingSchemeIdentificationSequence, List.of(privateScheme()));
        // the root content item
        d.setString(DerivedTags.ValueType, VR.CS, "CONTAINER");
        d.setSequence(DerivedTags.ConceptNameCodeSequence, List.of(ROOT.item()));
        d.setString(DerivedTags.ContinuityOfContent, VR.CS, "SEPARATE");
        List<DicomObject> content = new ArrayList<>();
        content.add(code("HAS CONCEPT MOD", LANGUAGE, ENGLISH));
        content.add(code("HAS OBS CONTEXT", OBSERVER_TYPE, DEVICE));
        DicomObject uid = item("HAS OBS CONTEXT", "UIDREF", DEVICE_OBSERVER_UID);
        uid.setString(DerivedTags.UID, VR.UI, DicomWriter.IMPLEMENTATION_CLASS_UID);
        content.add(uid);
        content.add(text("HAS OBS CONTEXT", DEVICE_OBSERVER_NAME, "RayLens " + algorithm.softwareVersion()));
        content.add(text("HAS OBS CONTEXT", DEVICE_OBSERVER_MODEL, algorithm.modelName()));
        content.add(text("CONTAINS", ALGORITHM_NAME, algorithm.name()));
        content.add(text("CONTAINS", ALGORITHM_VERSION, algorithm.version()));
        if (!algorithm.parameters().isBlank()) {
            content.add(text("CONTAINS", ALGORITHM_PARAMETERS, algorithm.parameters()));
        }
        DicomObject image = item("CONTAINS", "IMAGE", SOURCE);
        image.setSequence(DerivedTags.ReferencedSOPSequenceInSR, List.of(header.sourceReference()));
        content.add(image);
        for (Score s : request.scores()) {
            DicomObject label = item("CONTAINS", "CONTAINER", labelCode(s.label()));
            label.setString(DerivedTags.ContinuityOfContent, VR.CS, "SEPARATE");
            label.setSequence(DerivedTags.ContentSequence, List.of(
                    number(PROBABILITY, s.probability()), number(THRESHOLD, s.threshold()),
                    text("CONTAINS", DECISION, s.above() ? "at or above threshold" : "below threshold")));
            content.add(label);
        }
        d.setSequence(DerivedTags.ContentSequence, content);
        return d;
    }

    /**
     * A label as a code of the private scheme: the value is the label in upper case with anything but letters and
     * digits as '_' (at most 16 characters, as SH allows), the meaning the label as written.
     */
    static Code labelCode(String label) {
        String value = label.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        value = value.isEmpty() ? "LABEL" : value.substring(0, Math.min(16, value.length()));
        return new Code(value, SCHEME, DerivedHeader.clip(label, 64));
    }

    private static DicomObject privateScheme() {
        DicomObject s = DerivedHeader.item();
        s.setString(DerivedTags.CodingSchemeDesignator, VR.SH, SCHEME);
        s.setString(DerivedTags.CodingSchemeName, VR.ST, "RayLens adapter labels and score concepts");
        s.setString(DerivedTags.CodingSchemeResponsibleOrganization, VR.ST, "RayLens");
        return s;
    }

    private static DicomObject evidence(DerivedHeader header) {
        DicomObject instance = DerivedHeader.item();
        instance.setString(Tag.ReferencedSOPClassUID, VR.UI, header.source().sopClass());
        instance.setString(Tag.ReferencedSOPInstanceUID, VR.UI, header.uid(header.source().sopInstance()));
        DicomObject series = DerivedHeader.item();
        series.setSequence(DerivedTags.ReferencedSOPSequenceInSR, List.of(instance));
        series.setString(Tag.SeriesInstanceUID, VR.UI, header.uid(header.source().seriesUid()));
        DicomObject study = DerivedHeader.item();
        study.setSequence(Tag.ReferencedSeriesSequence, List.of(series));
        study.setString(Tag.StudyInstanceUID, VR.UI, header.uid(header.source().studyUid()));
        return study;
    }

    private static DicomObject item(String relationship, String valueType, Code concept) {
        DicomObject i = DerivedHeader.item();
        i.setString(DerivedTags.RelationshipType, VR.CS, relationship);
        i.setString(DerivedTags.ValueType, VR.CS, valueType);
        i.setSequence(DerivedTags.ConceptNameCodeSequence, List.of(concept.item()));
        return i;
    }

    private static DicomObject text(String relationship, Code concept, String value) {
        DicomObject i = item(relationship, "TEXT", concept);
        i.setString(DerivedTags.TextValue, VR.UT, value);
        return i;
    }

    private static DicomObject code(String relationship, Code concept, Code value) {
        DicomObject i = item(relationship, "CODE", concept);
        i.setSequence(DerivedTags.ConceptCodeSequence, List.of(value.item()));
        return i;
    }

    private static DicomObject number(Code concept, double value) {
        DicomObject i = item("CONTAINS", "NUM", concept);
        DicomObject measured = DerivedHeader.item();
        measured.setSequence(DerivedTags.MeasurementUnitsCodeSequence, List.of(Code.NO_UNITS.item()));
        measured.setDecimals(DerivedTags.NumericValue, value);
        i.setSequence(DerivedTags.MeasuredValueSequence, List.of(measured));
        return i;
    }
}
