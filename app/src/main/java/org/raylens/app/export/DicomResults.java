package org.raylens.app.export;

import java.util.Optional;
import org.raylens.app.RayLensVersion;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.overlays.export.dicom.AlgorithmIdentity;
import org.raylens.overlays.export.dicom.Linkage;
import org.raylens.overlays.export.dicom.SourceImage;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.SourceNames;

/** What the window's DICOM result exports (Parametric Map, SEG, SR) need from the view and the analysis. */
final class DicomResults {
    private DicomResults() {}

    /** The source image, the analysis, and whether the object is linked to the source's patient. */
    record Inputs(ViewSnapshot view, SourceImage source, AnalysisResult result, Linkage linkage) {
        AlgorithmIdentity identity(String name, String provenance) {
            return new AlgorithmIdentity(name == null || name.isBlank() ? "RayLens analysis" : name,
                    result.modelName(), result.weightsSha256(), provenance + "; image "
                    + SourceNames.of(view.source()), RayLensVersion.current().version());
        }
    }

    /**
     * @param linked the "include patient identity" choice: linked objects name the source's patient and study,
     *               others are de-identified
     * @throws IllegalStateException when there is no DICOM image or no analysis to export
     */
    static Inputs inputs(ViewSnapshot v, AnalysisResult r, boolean linked) throws ImageSourceException {
        if (r == null) {
            throw new IllegalStateException("No analysis yet: analyse the image first");
        }
        Optional<DicomObject> header = v.source() == null ? Optional.empty()
                : v.source().header().map(DicomFile::dataset);
        if (header.isEmpty()) {
            throw new IllegalStateException("DICOM results need a DICOM source image");
        }
        return new Inputs(v, SourceImage.of(header.get(), v.source().uri()), r,
                linked ? Linkage.LINKED : Linkage.DEIDENTIFIED);
    }
}
