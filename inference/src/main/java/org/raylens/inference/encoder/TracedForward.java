package org.raylens.inference.encoder;

import java.util.Optional;

/**
 * What a traced forward returns: the tokens (and kept attentions) as an {@link EncoderOutput}, a note on how the
 * input was handled (for provenance, e.g. the position-embedding interpolation) and the gradient tail when asked.
 */
public record TracedForward(EncoderOutput output, String inputNote, Optional<GradientTail> gradientTail) {
}
