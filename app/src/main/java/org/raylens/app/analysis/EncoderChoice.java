package org.raylens.app.analysis;

import java.nio.file.Path;
import java.util.Objects;

/** Which encoder the analysis runs: the built-in demo, or a model folder the user imported. */
public sealed interface EncoderChoice {

    String name();

    /** The random-weights demo encoder (always available). */
    record Demo() implements EncoderChoice {
        @Override
        public String name() {
            return DemoEncoder.NAME;
        }
    }

    /** An imported model folder. */
    record Imported(Path folder, String name) implements EncoderChoice {
        public Imported {
            Objects.requireNonNull(folder, "folder");
            name = name == null || name.isBlank() ? String.valueOf(folder.getFileName()) : name;
        }
    }
}
