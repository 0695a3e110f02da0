package org.raylens.inference.family.dinov2;

import ai.djl.ndarray.NDArray;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.NonFiniteOutputException;
import org.raylens.inference.encoder.AttentionCopy;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DINOv2 session: batched forwards on the predictor's fast path, and traces taken block by block
 * ({@link BlockRunner}, the same arithmetic, so a trace's tokens are bit-identical to a plain forward's), reporting
 * each block's attention to the request's observer as it finishes and keeping the last block's input for the
 * {@link Dinov2GradientTail}.
 */
final class Dinov2Session implements EncoderSession {
    private final EncoderPredictor predictor;

    Dinov2Session(EncoderPredictor predictor) {
        this.predictor = predictor;
    }

    @Override
    public EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress, CancellationToken cancel) {
        return predictor.forward(images, options, progress, cancel);
    }

    @Override
    public TracedForward trace(FloatTensor image, TraceRequest request, Progress progress, CancellationToken cancel) {
        Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
        Map<Integer, AttentionRows> attentionRows = new LinkedHashMap<>();
        FloatTensor blockInput = null;
        try (BlockRunner r = predictor.blockRunner(image, request.interpolation())) {
            TokenLayout layout = r.layout();
            int n = layout.numTokens();
            request.check(r.numBlocks(), n);
            int heads = r.numHeads();
            long[] shape = {1, heads, n, n};
            int[] rows = request.rowArray();
            // one scratch buffer for the layers whose raw maps only go to the observer
            float[] scratch = request.observer().isPresent() ? new float[Math.toIntExact((long) heads * n * n)] : null;
            NDArray x = r.embed();
            int last = r.numBlocks() - 1;
            for (int i = 0; i <= last; i++) {
                if (i == last && request.gradientTail()) {
                    blockInput = BlockRunner.toTensor(x);
                }
                boolean keep = request.keepAttentions().contains(i);
                boolean full = keep || request.observer().isPresent();
                boolean rowsOnly = !full && request.rowLayers().contains(i);
                float[] probs = keep ? new float[Math.toIntExact((long) heads * n * n)] : full ? scratch
                        : rowsOnly ? new float[heads * rows.length * n] : null;
                AttentionCopy copy = probs == null ? null : rowsOnly ? AttentionCopy.rows(probs, rows)
                        : AttentionCopy.all(probs);
                NDArray next = r.runBlock(x, i, copy, progress, cancel);
                x.close();
                x = next;
                if (keep) {
                    attentions.put(i, new FloatTensor(probs, shape));
                }
                if (request.rowLayers().contains(i)) {
                    // rows of a layer whose whole matrix was copied anyway are cut from it: the same values
                    attentionRows.put(i, rowsOnly ? new AttentionRows(heads, n, rows, probs)
                            : AttentionRows.of(probs, heads, n, rows));
                }
                if (request.observer().isPresent()) {
                    request.observer().get().blockAttention(i, probs, heads, n);
                }
            }
            FloatTensor tokens = BlockRunner.toTensor(r.finalNorm(x));
            checkFinite(tokens, layout);
            EncoderOutput out = new EncoderOutput(1, layout, tokens, List.of(), attentions, r.positionEmbedding())
                    .withAttentionRows(attentionRows);
            Optional<GradientTail> tail = blockInput == null ? Optional.empty()
                    : Optional.of(new Dinov2GradientTail(predictor, image, request.interpolation(), blockInput));
            return new TracedForward(out, "position embedding: " + request.interpolation(), tail);
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

    @Override
    public void close() {
        predictor.close();
    }
}
