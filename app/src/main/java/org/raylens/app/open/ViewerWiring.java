package org.raylens.app.open;

import java.nio.file.Path;
import java.util.List;
import org.raylens.viewer.image.DisplayableImage;

/**
 * The one place where the app's {@link StudyLoader} is connected to the viewer's image reader and to the sample
 * study generator. {@link #openImage} and {@link #sampleStudy} are the two connection points: in this build they
 * are not connected yet and say so, in a typed error the window shows, rather than pretending to open anything.
 */
public final class ViewerWiring {

    private ViewerWiring() {
    }

    /** The loader the app uses; the sample study lives under {@code appDataDir}. */
    public static StudyLoader studyLoader(Path appDataDir) {
        Path sampleDir = appDataDir.resolve("sample-study");
        return new FileStudyLoader(ViewerWiring::openImage, () -> sampleStudy(sampleDir));
    }

    /** Decodes one file with the viewer's image reader. */
    static DisplayableImage openImage(Path file) throws StudyLoadException {
        throw new StudyLoadException(file + ": no image reader is connected in this build "
                + "(connect org.raylens.viewer's image opener in " + ViewerWiring.class.getName() + ")");
    }

    /** The synthetic sample study's files in {@code dir}, generated there on first use. */
    static List<Path> sampleStudy(Path dir) throws StudyLoadException {
        throw new StudyLoadException("No sample study generator is connected in this build (connect "
                + "org.raylens.viewer's sample study in " + ViewerWiring.class.getName() + "); "
                + "open files or folders from the command line instead");
    }
}
