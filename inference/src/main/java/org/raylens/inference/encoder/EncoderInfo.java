package org.raylens.inference.encoder;

/**
 * What callers need to know about an encoder's shape, whatever its family: to size inputs, heads and FLOP counts and
 * to say in words which encoder it is.
 *
 * @param family        the family's {@link EncoderFamily#name()}, e.g. "dinov2"
 * @param architecture  one line, e.g. "ViT D=768 L=12 H=12 patch=14 ..."
 * @param registers     register tokens between the class token and the patches (the prefix is 1 + registers)
 * @param imageSize     the native (trained) input size in pixels
 * @param mlpHiddenSize width of each block's feed-forward hidden layer
 * @param gatedFeedForward true for a SwiGLU feed-forward (two input projections), false for a plain MLP
 */
public record EncoderInfo(String family, String architecture, int hiddenSize, int patchSize, int layers, int heads,
                          int registers, int channels, int imageSize, int mlpHiddenSize, boolean gatedFeedForward) {

    /** Tokens before the patches: the class token and the registers. */
    public int prefixTokens() {
        return 1 + registers;
    }
}
