package org.raylens.app.open;

import java.util.List;

/**
 * What a {@link StudyLoader} found: the instances to list, in display order; whether they are the bundled synthetic
 * sample (the window then says so, so nobody mistakes it for patient data); and the inputs it had to skip, with why.
 */
public record LoadedStudy(List<StudyInstance> instances, boolean synthetic, List<String> problems) {

    public LoadedStudy {
        instances = List.copyOf(instances);
        problems = List.copyOf(problems);
    }
}
