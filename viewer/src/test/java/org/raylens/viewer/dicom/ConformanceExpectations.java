package org.raylens.viewer.dicom;

import java.util.Map;

/**
 * What RayLens does with each deliberately broken conformance file, decided file by file. Files not listed must
 * read completely. A header-only read stops before Pixel Data, so it succeeds where only the pixel data is broken.
 */
final class ConformanceExpectations {
    private ConformanceExpectations() {}

    /** Expected outcome of a full read and of a header-only read; null means "reads". */
    record Outcome(Class<? extends DicomException> full, Class<? extends DicomException> header) {}

    static final Map<String, Outcome> BROKEN = Map.of(
            // Pixel Data declares 8192 bytes, 8130 remain: the header is intact, the pixels are cut short.
            "pydicom/MR_truncated.dcm", new Outcome(TruncatedDicomException.class, null),
            // The last fragment ends at EOF without a Sequence Delimitation Item (dcmtk: "Sequence Delimitation
            // Item missing"): the pixel data may be cut short, so a full read refuses it; the header is fine.
            "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm",
            new Outcome(TruncatedDicomException.class, null),
            // A plan sequence's item declares 976 bytes where 711 remain: cut inside the header itself.
            "pydicom/rtplan_truncated.dcm",
            new Outcome(TruncatedDicomException.class, TruncatedDicomException.class),
            // No preamble and a stray byte before the first tag: bytes 0-3 read as (0820,0500) with a length of
            // 173 MB (dcmtk refuses it too). Nothing says this is DICOM, so it is refused as "not a DICOM file".
            "pydicom/no_meta.dcm", new Outcome(MalformedDicomException.class, MalformedDicomException.class));
}
