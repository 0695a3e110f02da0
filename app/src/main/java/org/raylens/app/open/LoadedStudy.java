package org.raylens.app.open;

import java.util.List;

/**
 * What a {@link StudyLoader} found: the instances to list, in display order; whether they are the bundled synthetic
 * sample (the window then says so, so nobody mistakes it for patient data); the inputs it had to skip, with why;
 * and the derived objects whose source images are not among the instances.
 */
public record LoadedStudy(List<StudyInstance> instances, boolean synthetic, List<String> problems,
        List<DerivedWithoutSource> withoutSource) {

    public LoadedStudy {
        instances = List.copyOf(instances);
        problems = List.copyOf(problems);
        withoutSource = List.copyOf(withoutSource);
    }

    /** A study in which every derived object found its source (or that has none). */
    public LoadedStudy(List<StudyInstance> instances, boolean synthetic, List<String> problems) {
        this(instances, synthetic, problems, List.of());
    }
}
