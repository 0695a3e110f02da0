package org.raylens.inference.encoder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The result of one forward pass over a batch of B images, as plain arrays.
 *
 * @param lastHiddenState (B, N, D) after the final LayerNorm (HF {@code last_hidden_state})
 * @param hiddenStates    HF {@code hidden_states}: index 0 = embeddings, index i = residual stream after i blocks
 *                        (before the final LayerNorm); empty unless requested
 * @param attentions      layer → (B, heads, N, N) attention probabilities, only for requested layers
 * @param positionEmbedding (1 + rows·cols, D) the position embedding actually added (CLS row first)
 * @param familyPooled    (B, D) the family's own image feature when it is not the CLS token (EVA-X:
 *                        fc_norm of the mean patch token), or null when the family pools by CLS (DINOv2)
 * @param namedOutputs    (B, ...) each named graph output under its {@link ModelOutput#name()} (imported models'
 *                        logits, embeddings, masks); empty for families whose outputs are only tokens
 * @param attentionRows   layer → some query rows of image 0's probabilities, for the layers a trace kept as rows
 *                        ({@link TraceRequest#rowLayers()})
 */
public record EncoderOutput(int batch, TokenLayout layout, FloatTensor lastHiddenState, List<FloatTensor> hiddenStates,
                            Map<Integer, FloatTensor> attentions, FloatTensor positionEmbedding,
                            FloatTensor familyPooled, Map<String, FloatTensor> namedOutputs,
                            Map<Integer, AttentionRows> attentionRows) {

    public EncoderOutput {
        hiddenStates = List.copyOf(hiddenStates);
        attentions = Map.copyOf(attentions);
        namedOutputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namedOutputs));
        attentionRows = Map.copyOf(attentionRows);
        if (familyPooled != null && (familyPooled.rank() != 2 || familyPooled.dim(0) != batch
                || familyPooled.dim(1) != layout.dim())) {
            throw new IllegalArgumentException("pooled features must be (" + batch + ", " + layout.dim() + "), got "
                    + familyPooled);
        }
    }

    /** An output with named graph outputs but no attention rows (imported models). */
    public EncoderOutput(int batch, TokenLayout layout, FloatTensor lastHiddenState, List<FloatTensor> hiddenStates,
                         Map<Integer, FloatTensor> attentions, FloatTensor positionEmbedding,
                         FloatTensor familyPooled, Map<String, FloatTensor> namedOutputs) {
        this(batch, layout, lastHiddenState, hiddenStates, attentions, positionEmbedding, familyPooled, namedOutputs,
                Map.of());
    }

    /** An output whose family pools by the CLS token (its pooled feature is {@link #pooler(int)}). */
    public EncoderOutput(int batch, TokenLayout layout, FloatTensor lastHiddenState, List<FloatTensor> hiddenStates,
                         Map<Integer, FloatTensor> attentions, FloatTensor positionEmbedding) {
        this(batch, layout, lastHiddenState, hiddenStates, attentions, positionEmbedding, null);
    }

    /** An output with no named graph outputs and no attention rows. */
    public EncoderOutput(int batch, TokenLayout layout, FloatTensor lastHiddenState, List<FloatTensor> hiddenStates,
                         Map<Integer, FloatTensor> attentions, FloatTensor positionEmbedding, FloatTensor familyPooled) {
        this(batch, layout, lastHiddenState, hiddenStates, attentions, positionEmbedding, familyPooled, Map.of());
    }

    /** This output with the attention rows a trace kept. */
    public EncoderOutput withAttentionRows(Map<Integer, AttentionRows> rows) {
        return new EncoderOutput(batch, layout, lastHiddenState, hiddenStates, attentions, positionEmbedding,
                familyPooled, namedOutputs, rows);
    }

    /**
     * The image feature the family itself pools to (what embeddings and the authors' heads read): the CLS token
     * after the final LayerNorm for DINOv2 (= {@link #pooler(int)}), fc_norm(mean of the patch tokens) for EVA-X.
     * {@link #pooler(int)} stays the CLS token for every family, because linear-probe adapters read CLS.
     */
    public float[] pooled(int image) {
        if (familyPooled == null) {
            return pooler(image);
        }
        int d = layout.dim();
        return Arrays.copyOfRange(familyPooled.data(), image * d, (image + 1) * d);
    }

    /** (B, D) {@link #pooled(int)} of the whole batch. */
    public FloatTensor pooledOutput() {
        return familyPooled != null ? familyPooled : poolerOutput();
    }

    private float[] tokenRange(int image, int from, int count) {
        int n = layout.numTokens();
        int d = layout.dim();
        int start = (image * n + from) * d;
        return Arrays.copyOfRange(lastHiddenState.data(), start, start + count * d);
    }

    /** CLS token after the final LayerNorm (HF {@code pooler_output}: Dinov2Model has no extra pooler layer). */
    public float[] pooler(int image) {
        return tokenRange(image, 0, 1);
    }

    /** (B, D) pooler outputs of the whole batch. */
    public FloatTensor poolerOutput() {
        float[] out = new float[batch * layout.dim()];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(pooler(b), 0, out, b * layout.dim(), layout.dim());
        }
        return new FloatTensor(out, new long[]{batch, layout.dim()});
    }

    /** (registers, D) register tokens of one image after the final LayerNorm. */
    public float[] registers(int image) {
        return tokenRange(image, 1, layout.registers());
    }

    /** (rows·cols, D) patch tokens of one image, row-major over the grid. */
    public float[] patchTokens(int image) {
        return tokenRange(image, layout.firstPatch(), layout.rows() * layout.cols());
    }

    /** (B, rows·cols, D) patch tokens of the whole batch (HF {@code last_hidden_state[:, 1 + registers:]}). */
    public FloatTensor patchTokens() {
        int p = layout.rows() * layout.cols() * layout.dim();
        float[] out = new float[batch * p];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(patchTokens(b), 0, out, b * p, p);
        }
        return new FloatTensor(out, new long[]{batch, (long) layout.rows() * layout.cols(), layout.dim()});
    }

    /** One image's patch tokens as a (rows, cols, D) grid, with the grid's geometry in {@link #layout()}. */
    public FloatTensor patchGrid(int image) {
        return new FloatTensor(patchTokens(image), new long[]{layout.rows(), layout.cols(), layout.dim()});
    }
}
