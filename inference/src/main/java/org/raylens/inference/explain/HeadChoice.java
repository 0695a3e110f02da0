package org.raylens.inference.explain;

/** Which attention head a map shows: one head, or the mean over all heads ({@link #MEAN}). */
public record HeadChoice(int head) {
    public static final HeadChoice MEAN = new HeadChoice(-1);

    public HeadChoice {
        if (head < -1) {
            throw new IllegalArgumentException("head must be >= 0 (or MEAN)");
        }
    }

    public static HeadChoice of(int head) {
        return new HeadChoice(head);
    }

    public boolean isMean() {
        return head < 0;
    }

    void check(int heads) {
        if (head >= heads) {
            throw new IllegalArgumentException("head " + head + " does not exist (0.." + (heads - 1) + ")");
        }
    }

    String describe(int heads) {
        return isMean() ? "mean of " + heads + " heads" : "head " + head;
    }
}
