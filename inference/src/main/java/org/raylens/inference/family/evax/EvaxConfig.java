package org.raylens.inference.family.evax;

/**
 * The geometry of an EVA-X ViT, as hustvl/EVA-X's {@code models_eva.py} factories build it.
 *
 * @param hiddenSize  D (192 Ti, 384 S, 768 B)
 * @param mlpHidden   the SwiGLU hidden width H (Ti 512, S 1024, B 2048)
 * @param subLn       true for EVA-X-B's form: separate q/k/v projections and the {@code w1,w2,ffn_ln,w3} SwiGLU with
 *                    its sub-LayerNorm; false for Ti/S: one fused {@code qkv} weight and the packed {@code w12,w3}
 * @param ropePt      RoPE's {@code pt_hw_seq_len} (Ti/S 14, B 16): positions are {@code i·pt/grid}
 * @param imageSize   the size pos_embed was trained at (grid = imageSize / patch)
 */
public record EvaxConfig(int hiddenSize, int layers, int heads, int patchSize, int imageSize, int channels,
                         int mlpHidden, boolean subLn, double ropePt, double layerNormEps) {
    /** EVA-X's LayerNorm eps (FusedLayerNorm with eps 1e-6 in every factory). */
    public static final double EPS = 1e-6;

    public EvaxConfig {
        if (hiddenSize <= 0 || layers <= 0 || heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not divisible into " + heads + " heads");
        }
        if (hiddenSize / heads % 4 != 0) {
            throw new IllegalArgumentException("RoPE needs a head size divisible by 4, got " + hiddenSize / heads);
        }
        if (patchSize <= 0 || imageSize < patchSize || channels <= 0 || mlpHidden <= 0 || !(ropePt > 0)) {
            throw new IllegalArgumentException("invalid EVA-X geometry");
        }
    }

    public static EvaxConfig tiny() {
        return new EvaxConfig(192, 12, 3, 16, 224, 3, 512, false, 14, EPS);
    }

    public static EvaxConfig small() {
        return new EvaxConfig(384, 12, 6, 16, 224, 3, 1024, false, 14, EPS);
    }

    public static EvaxConfig base() {
        return new EvaxConfig(768, 12, 12, 16, 224, 3, 2048, true, 16, EPS);
    }

    /** The pt_hw_seq_len EVA-X's factories hard-code: 16 for the sub-LN base model, 14 for Ti/S. */
    static double defaultRopePt(boolean subLn) {
        return subLn ? 16 : 14;
    }

    public int headDim() {
        return hiddenSize / heads;
    }

    public int grid() {
        return imageSize / patchSize;
    }

    /** One line for provenance and adapter identities. */
    public String describe() {
        return "EVA-X ViT D=" + hiddenSize + " L=" + layers + " H=" + heads + " patch=" + patchSize + " image="
                + imageSize + " ffn=" + (subLn ? "swiglu+subln" : "packed-swiglu") + "(" + mlpHidden + ") qkv="
                + (subLn ? "separate" : "fused") + " rope-pt=" + fmt(ropePt) + " eps=" + layerNormEps;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
