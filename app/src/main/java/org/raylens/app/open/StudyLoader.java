package org.raylens.app.open;

import java.nio.file.Path;
import java.util.List;
import org.raylens.viewer.image.DisplayableImage;

/**
 * The app's seam to everything that reads images: the window asks it what is in the files and folders the user gave
 * and then for one image at a time. Both calls block and are made off the FX thread; tests pass a fake.
 */
public interface StudyLoader {

    /**
     * Lists the instances in {@code inputs} (files and folders), or in the bundled synthetic sample study when
     * {@code inputs} is empty. Cheap per file: no pixel data is decoded here.
     */
    LoadedStudy load(List<Path> inputs) throws StudyLoadException;

    /** Decodes one instance for display. */
    DisplayableImage open(StudyInstance instance) throws StudyLoadException;
}
