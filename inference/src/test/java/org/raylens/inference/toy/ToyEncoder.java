package org.raylens.inference.toy;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.AttentionsUnavailableException;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;
import org.raylens.inference.model.PreprocessorConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pure-Java toy encoder: each patch token is the patch's mean per channel times a fixed projection to
 * {@value #DIM} dimensions plus a fixed bias; the class token is the mean of the patch tokens; no registers. It has no
 * attention (asking for it gives {@link AttentionsUnavailableException}) and no gradients, which its capabilities say.
 * Enough for PCA, adapters and the seam's plumbing, and small enough to check by hand.
 */
public final class ToyEncoder implements Encoder {
    static final int DIM = 8;
    static final int PATCH = 14;
    static final int CHANNELS = 3;
    private final String source;

    ToyEncoder(String source) {
        this.source = source;
    }

    /** The fixed projection weight of channel c onto dimension d. */
    static float weight(int c, int d) {
        return (float) Math.sin(1.0 + 3 * c + 0.7 * d);
    }

    static float bias(int d) {
        return 0.1f * d;
    }

    @Override
    public EncoderInfo info() {
        return new EncoderInfo(ToyEncoderFamily.NAME, "toy: per-patch channel means x fixed " + CHANNELS + "x" + DIM
                + " projection", DIM, PATCH, 1, 1, 0, CHANNELS, 56, 0, false);
    }

    @Override
    public EncoderCapabilities capabilities() {
        return new EncoderCapabilities(false, List.of());
    }

    @Override
    public ModelProvenance provenance() {
        return new ModelProvenance(source, "not computed", "toy", info().architecture(), "CPU (pure Java)", List.of(),
                true);
    }

    @Override
    public Optional<PreprocessorConfig> preprocessor() {
        return Optional.empty();
    }

    @Override
    public ComputeTarget target() {
        return ComputeTarget.cpu();
    }

    @Override
    public EncoderSession newSession() {
        return new Session();
    }

    @Override
    public int liveArrayCount() {
        return 0;
    }

    @Override
    public void close() {
        // holds nothing native
    }

    /** Stateless, so any number may run at once. */
    private static final class Session implements EncoderSession {
        @Override
        public EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress,
                                     CancellationToken cancel) {
            if (!options.attentionLayers().isEmpty()) {
                throw new AttentionsUnavailableException(ToyEncoderFamily.NAME);
            }
            EncoderOutput out = encode(images);
            progress.report(1, 1);
            return out;
        }

        @Override
        public TracedForward trace(FloatTensor image, TraceRequest request, Progress progress, CancellationToken cancel) {
            if (request.needsAttentions()) {
                throw new AttentionsUnavailableException(ToyEncoderFamily.NAME);
            }
            if (request.gradientTail()) {
                throw new UnsupportedOperationException("the toy encoder family gives no gradients (no Grad-CAM)");
            }
            EncoderOutput out = encode(image);
            progress.report(1, 1);
            return new TracedForward(out, "toy input: as given", Optional.empty());
        }

        @Override
        public void close() {
            // nothing to free
        }
    }

    /** (B, 1 + rows·cols, D): the class token (mean of the patch tokens) then the patch tokens, row-major. */
    static EncoderOutput encode(FloatTensor images) {
        if (images.rank() != 4 || images.dim(1) != CHANNELS || images.dim(2) < PATCH || images.dim(3) < PATCH) {
            throw new IllegalArgumentException("the toy encoder takes (B, 3, H, W) with H, W >= 14, got "
                    + Arrays.toString(images.shape()));
        }
        int batch = images.dim(0);
        int h = images.dim(2);
        int w = images.dim(3);
        int rows = h / PATCH;
        int cols = w / PATCH;
        int n = 1 + rows * cols;
        float[] v = images.data();
        float[] tokens = new float[batch * n * DIM];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int token = b * n + 1 + r * cols + c;
                    for (int ch = 0; ch < CHANNELS; ch++) {
                        double sum = 0;
                        for (int y = r * PATCH; y < (r + 1) * PATCH; y++) {
                            for (int x = c * PATCH; x < (c + 1) * PATCH; x++) {
                                sum += v[((b * CHANNELS + ch) * h + y) * w + x];
                            }
                        }
                        float mean = (float) (sum / (PATCH * PATCH));
                        for (int d = 0; d < DIM; d++) {
                            tokens[token * DIM + d] += mean * weight(ch, d);
                        }
                    }
                    for (int d = 0; d < DIM; d++) {
                        tokens[token * DIM + d] += bias(d);
                        tokens[(b * n) * DIM + d] += tokens[token * DIM + d] / (rows * cols);
                    }
                }
            }
        }
        TokenLayout layout = new TokenLayout(0, rows, cols, PATCH, DIM);
        return new EncoderOutput(batch, layout, new FloatTensor(tokens, new long[]{batch, n, DIM}), List.of(), Map.of(),
                new FloatTensor(new float[n * DIM], new long[]{n, DIM}));
    }
}
