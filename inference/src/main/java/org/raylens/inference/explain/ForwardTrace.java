package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.NonFiniteOutputException;
import org.raylens.inference.encoder.BlockRunner;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one forward pass of one image left behind for the explainers: the final tokens (as an
 * {@link EncoderOutput}, so adapters score from it too), the raw attention of the layers asked for, the rollout's
 * prepared per-layer matrices and the last block's input. Made once by {@link #record}; attention maps, rollout and
 * PCA read it, and Grad-CAM starts its short differentiable tail from it, so an analysis runs the encoder once.
 *
 * <p>It runs block by block ({@link BlockRunner}), the same arithmetic as {@code EncoderPredictor.forward}: the
 * tokens are bit-identical to a plain forward's and the rollout to {@link AttentionRollout}'s own pass.
 *
 * @param rolloutLayers the prepared (fused, residual-mixed, row-normalised) (N, N) matrix of each layer, first layer
 *                      first; empty unless the needs asked for a rollout
 * @param lastBlockInput (1, N, D) the residual stream entering the last block; empty unless asked for
 */
public record ForwardTrace(ExplainContext context, ExplainInput input, TraceNeeds needs, EncoderOutput output,
                           List<float[]> rolloutLayers, Optional<FloatTensor> lastBlockInput) {
    public ForwardTrace {
        rolloutLayers = List.copyOf(rolloutLayers);
    }

    public TokenLayout layout() {
        return output.layout();
    }

    /** Runs the encoder once over {@code input}, keeping what {@code needs} asks for. */
    public static ForwardTrace record(ExplainContext context, ExplainInput input, TraceNeeds needs, Progress progress,
                                      CancellationToken cancel) {
        Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
        List<float[]> rollout = new ArrayList<>();
        FloatTensor blockInput = null;
        try (BlockRunner r = context.runner(input)) {
            for (int layer : needs.attentionLayers()) {
                if (layer < 0 || layer >= r.numBlocks()) {
                    throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (r.numBlocks() - 1) + ")");
                }
            }
            TokenLayout layout = r.layout();
            int n = layout.numTokens();
            int heads = r.numHeads();
            long[] shape = {1, heads, n, n};
            // one scratch buffer for the layers whose raw maps only feed the rollout
            float[] scratch = needs.rollout().isPresent() ? new float[Math.toIntExact((long) heads * n * n)] : null;
            NDArray x = r.embed();
            int last = r.numBlocks() - 1;
            for (int i = 0; i <= last; i++) {
                if (i == last && needs.camInput()) {
                    blockInput = BlockRunner.toTensor(x);
                }
                boolean keep = needs.attentionLayers().contains(i);
                float[] probs = keep ? new float[Math.toIntExact((long) heads * n * n)] : scratch;
                NDArray next = r.runBlock(x, i, probs, progress, cancel);
                x.close();
                x = next;
                if (keep) {
                    attentions.put(i, new FloatTensor(probs, shape));
                }
                if (needs.rollout().isPresent()) {
                    RolloutOptions o = needs.rollout().get();
                    rollout.add(AttentionRollout.prepare(o.fusion().fuse(probs, heads, n), n, o.discardRatio()));
                }
            }
            FloatTensor tokens = BlockRunner.toTensor(r.finalNorm(x));
            checkFinite(tokens, layout);
            EncoderOutput out = new EncoderOutput(1, layout, tokens, List.of(), attentions, r.positionEmbedding());
            return new ForwardTrace(context, input, needs, out, rollout, Optional.ofNullable(blockInput));
        }
    }

    /** The same refusal as a plain forward's: no map is made from NaN or infinite tokens. */
    private static void checkFinite(FloatTensor tokens, TokenLayout layout) {
        float[] v = tokens.data();
        int d = layout.dim();
        NonFiniteOutputException.check("CLS token of image 0", v, 0, d);
        NonFiniteOutputException.check("register tokens of image 0", v, d, layout.firstPatch() * d);
        NonFiniteOutputException.check("patch tokens of image 0", v, layout.firstPatch() * d, layout.numTokens() * d);
    }

    /** Raw attention of {@code layer}, (1, heads, N, N). */
    FloatTensor attention(int layer) {
        FloatTensor a = output.attentions().get(layer);
        if (a == null) {
            throw new IllegalStateException("this trace kept no attention of layer " + layer + " (kept: "
                    + needs.attentionLayers() + ")");
        }
        return a;
    }
}
