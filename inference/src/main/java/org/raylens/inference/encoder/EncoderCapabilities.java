package org.raylens.inference.encoder;

import java.util.List;
import java.util.Optional;

/**
 * What a family's traces can hold, so that a UI greys out what an encoder cannot give instead of failing later.
 *
 * @param attentions     true when traces can keep attention probabilities (attention maps, rollout)
 * @param gradientLayers the layers gradients can be taken at, named by the family, the default first; empty when
 *                       the family gives no gradients (no Grad-CAM)
 * @param inputGradients true when the family's gradient tail differentiates a score down to the input pixels
 *                       ({@link GradientTail#inputGradients}: Saliency, SmoothGrad, Integrated Gradients)
 */
public record EncoderCapabilities(boolean attentions, List<GradientLayer> gradientLayers, boolean inputGradients) {
    public EncoderCapabilities {
        gradientLayers = List.copyOf(gradientLayers);
    }

    /** Capabilities of a family that takes no gradients down to the input. */
    public EncoderCapabilities(boolean attentions, List<GradientLayer> gradientLayers) {
        this(attentions, gradientLayers, false);
    }

    /** A layer gradients can be taken at: its stable name (a command-line value) and what it is in words. */
    public record GradientLayer(String name, String description) {
    }

    public boolean gradients() {
        return !gradientLayers.isEmpty();
    }

    /** The layer for {@code name}, or the default when name is null or blank. */
    public Optional<GradientLayer> gradientLayer(String name) {
        if (gradientLayers.isEmpty()) {
            return Optional.empty();
        }
        if (name == null || name.isBlank()) {
            return Optional.of(gradientLayers.get(0));
        }
        return gradientLayers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public List<String> gradientLayerNames() {
        return gradientLayers.stream().map(GradientLayer::name).toList();
    }
}
