package org.raylens.app.open;

import java.util.List;

/**
 * Gives listed instances their Patient / Study / Series labels from their headers. {@link FileStudyLoader} lists
 * files by folder; a labeller (the viewer's header indexer in the app, nothing in tests) replaces those labels with
 * what the files say about themselves. Called off the FX thread; instances it does not know stay as they are.
 */
@FunctionalInterface
public interface StudyLabeller {

    /** Leaves every instance as listed. */
    StudyLabeller NONE = instances -> instances;

    List<StudyInstance> label(List<StudyInstance> instances) throws StudyLoadException;
}
