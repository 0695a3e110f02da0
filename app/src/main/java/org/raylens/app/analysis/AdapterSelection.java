package org.raylens.app.analysis;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The adapter folders the analysis should run over the encoder's tokens: a classification adapter (its scores fill
 * the scores panel and its head is what Grad-CAM explains) and a segmentation adapter (its mask fills the mask layer).
 * Empty means none was chosen; with the demo encoder the demo adapters stand in.
 */
public record AdapterSelection(Optional<Path> classification, Optional<Path> segmentation) {
    public static final AdapterSelection NONE = new AdapterSelection(Optional.empty(), Optional.empty());

    public AdapterSelection {
        Objects.requireNonNull(classification);
        Objects.requireNonNull(segmentation);
    }
}
