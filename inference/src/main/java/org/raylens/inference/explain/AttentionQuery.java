package org.raylens.inference.explain;

/**
 * One query row of an attention matrix that a map reads, named in the terms of the explain module: the CLS token's
 * row, or the row of the patch under a source-image point. {@link ForwardTrace#record} turns it into the family's
 * token index with the input's geometry and the model's token layout.
 */
public sealed interface AttentionQuery {
    /** The CLS token's row (what "attention", the layer chooser and the rollout's start read). */
    AttentionQuery CLS = new Cls();

    /** The row of the patch under a point given in source-image pixels (click-a-patch). */
    static AttentionQuery point(double x, double y) {
        return new Point(x, y);
    }

    record Cls() implements AttentionQuery {
    }

    record Point(double x, double y) implements AttentionQuery {
    }
}
