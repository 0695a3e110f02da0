package org.raylens.app.open;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.raylens.app.AppDirectories;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.sample.SampleStudy;

/**
 * The one place where the app's {@link StudyLoader} is connected to the viewer's image reader and to the sample
 * study generator. {@link #openImage} and {@link #sampleStudy} are the two connection points.
 */
public final class ViewerWiring {

    /** Stateless and thread-safe; codecs are discovered once. */
    private static final ImageOpener IMAGE_OPENER = new ImageOpener();

    private ViewerWiring() {
    }

    /** The loader the app uses; the sample study lives under {@code appDataDir}. */
    public static StudyLoader studyLoader(Path appDataDir) {
        Path sampleDir = AppDirectories.sampleStudyDir(appDataDir);
        return new FileStudyLoader(ViewerWiring::openImage, () -> sampleStudy(sampleDir), new DicomStudyLabeller());
    }

    /** Decodes one file with the viewer's image reader. */
    static DisplayableImage openImage(Path file) throws StudyLoadException {
        // The first frame is decoded eagerly, so the file can be closed before the image is shown.
        try (OpenedImage opened = IMAGE_OPENER.open(file)) {
            return opened.frame(0);
        } catch (DicomException e) {
            throw new StudyLoadException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StudyLoadException(file + ": " + e.getMessage(), e);
        }
    }

    /** The synthetic sample study's files in {@code dir}, generated there on first use. */
    static List<Path> sampleStudy(Path dir) throws StudyLoadException {
        try {
            return SampleStudy.ensureGenerated(dir);
        } catch (IOException e) {
            throw new StudyLoadException("Cannot generate the synthetic sample study in " + dir + ": "
                    + e.getMessage() + " — open files or folders instead", e);
        }
    }
}
