package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.NonFiniteOutputException;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards of one {@link EvaxEncoder} on one thread. The output's last hidden state is every token after the last
 * block ({@code model.norm} is the identity when EVA-X pools by the mean), and its pooled feature is
 * fc_norm(mean of the patch tokens), EVA-X's {@code forward_features}. Traces keep the last block's input for the
 * {@link EvaxGradientTail}.
 */
final class EvaxSession implements EncoderSession {
    private final EvaxEncoder encoder;
    private final NDManager manager;

    EvaxSession(EvaxEncoder encoder) {
        this.encoder = encoder;
        this.manager = encoder.weightsManager().newSubManager();
    }

    EvaxPass pass(FloatTensor images, PositionEmbeddingInterpolation interpolation) {
        return new EvaxPass(encoder, manager.newSubManager(), images, interpolation);
    }

    @Override
    public EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress, CancellationToken cancel) {
        try (EvaxPass pass = pass(images, options.interpolation())) {
            int last = pass.numBlocks() - 1;
            for (int layer : options.attentionLayers()) {
                if (layer < 0 || layer > last) {
                    throw new IllegalArgumentException("attention layer " + layer + " does not exist (0.." + last + ")");
                }
            }
            TokenLayout layout = pass.layout();
            int batch = pass.batch();
            long n = layout.numTokens();
            long[] shape = {batch, pass.numHeads(), n, n};
            List<FloatTensor> hidden = new ArrayList<>();
            Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
            NDArray x = pass.embed();
            if (options.hiddenStates()) {
                hidden.add(EvaxPass.toTensor(x));
            }
            for (int i = 0; i <= last; i++) {
                boolean keep = options.attentionLayers().contains(i);
                float[] probs = keep ? new float[Math.toIntExact(batch * pass.numHeads() * n * n)] : null;
                NDArray next = pass.runBlock(x, i, probs, progress, cancel);
                x.close();
                x = next;
                if (keep) {
                    attentions.put(i, new FloatTensor(probs, shape));
                }
                if (options.hiddenStates()) {
                    hidden.add(EvaxPass.toTensor(x));
                }
            }
            return output(pass, x, hidden, attentions);
        }
    }

    @Override
    public TracedForward trace(FloatTensor image, TraceRequest request, Progress progress, CancellationToken cancel) {
        Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
        FloatTensor blockInput = null;
        try (EvaxPass pass = pass(image, request.interpolation())) {
            int last = pass.numBlocks() - 1;
            int n = pass.layout().numTokens();
            request.check(pass.numBlocks(), n);
            int heads = pass.numHeads();
            long[] shape = {1, heads, n, n};
            // EVA-X's attention hands over whole heads: row layers are copied whole into the scratch and cut from it
            float[] scratch = request.observer().isPresent() || !request.rowLayers().isEmpty()
                    ? new float[Math.toIntExact((long) heads * n * n)] : null;
            Map<Integer, AttentionRows> attentionRows = new LinkedHashMap<>();
            NDArray x = pass.embed();
            for (int i = 0; i <= last; i++) {
                if (i == last && request.gradientTail()) {
                    blockInput = EvaxPass.toTensor(x);
                }
                boolean keep = request.keepAttentions().contains(i);
                boolean rows = request.rowLayers().contains(i);
                float[] probs = keep ? new float[Math.toIntExact((long) heads * n * n)]
                        : request.observer().isPresent() || rows ? scratch : null;
                NDArray next = pass.runBlock(x, i, probs, progress, cancel);
                x.close();
                x = next;
                if (keep) {
                    attentions.put(i, new FloatTensor(probs, shape));
                }
                if (rows) {
                    attentionRows.put(i, AttentionRows.of(probs, heads, n, request.rowArray()));
                }
                if (request.observer().isPresent()) {
                    request.observer().get().blockAttention(i, probs, heads, n);
                }
            }
            EncoderOutput out = output(pass, x, List.of(), attentions).withAttentionRows(attentionRows);
            Optional<GradientTail> tail = blockInput == null ? Optional.empty()
                    : Optional.of(new EvaxGradientTail(this, image, request.interpolation(), blockInput));
            return new TracedForward(out, "position embedding: " + request.interpolation()
                    + "; RoPE tables for a " + pass.layout().rows() + "x" + pass.layout().cols() + " grid", tail);
        }
    }

    private static EncoderOutput output(EvaxPass pass, NDArray tokens, List<FloatTensor> hidden,
                                        Map<Integer, FloatTensor> attentions) {
        TokenLayout layout = pass.layout();
        FloatTensor last = EvaxPass.toTensor(tokens);
        FloatTensor pooled = EvaxPass.toTensor(pass.pooled(tokens));
        int n = layout.numTokens();
        int d = layout.dim();
        float[] v = last.data();
        for (int b = 0; b < pass.batch(); b++) {
            int start = b * n * d;
            NonFiniteOutputException.check("CLS token of image " + b, v, start, start + d);
            NonFiniteOutputException.check("patch tokens of image " + b, v, start + d, start + n * d);
        }
        NonFiniteOutputException.check("pooled features", pooled.data(), 0, pooled.data().length);
        return new EncoderOutput(pass.batch(), layout, last, hidden, attentions, pass.positionEmbedding(), pooled);
    }

    @Override
    public void close() {
        manager.close();
    }
}
