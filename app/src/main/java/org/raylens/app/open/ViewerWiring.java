package org.raylens.app.open;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.raylens.app.AppDirectories;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.sample.SampleStudy;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderReader;

/**
 * The one place where the app's {@link StudyLoader} is connected to the viewer: its folder index, its {@code file}
 * image source kind (the viewer's image reader behind it) and the sample study generator.
 */
public final class ViewerWiring {

    /** Stateless and thread-safe; codecs are discovered once. */
    private static final ImageOpener IMAGE_OPENER = new ImageOpener();

    private ViewerWiring() {
    }

    /** The loader the app uses; the sample study lives under {@code appDataDir}. */
    public static StudyLoader studyLoader(Path appDataDir) {
        Path sampleDir = AppDirectories.sampleStudyDir(appDataDir);
        return new FileStudyLoader(new FolderScanner(), new DicomDirReader(),
                new FileSourceKind(IMAGE_OPENER, HeaderReader.DICOM), () -> sampleStudy(sampleDir));
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
