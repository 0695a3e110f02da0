package org.raylens.viewer.study;

import java.nio.file.Path;

/** A file the index did not take, and why (the typed error's message, naming tag and offset where known). */
public record SkippedFile(Path path, String reason) {}
