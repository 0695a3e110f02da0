package org.raylens.inference.encoder;

/** Attention probabilities were asked of an encoder whose family cannot give them (see its capabilities). */
public final class AttentionsUnavailableException extends UnsupportedOperationException {
    public AttentionsUnavailableException(String family) {
        super("the " + family + " encoder family gives no attention probabilities; choose a method that needs only"
                + " tokens (PCA, adapter scores) or an encoder whose capabilities list attentions");
    }
}
