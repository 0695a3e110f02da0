package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.core.result.MapGeometry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task adapter loaded for one encoder: its spec, its head (a {@link org.raylens.inference.head.TokenHead} for
 * Grad-CAM) with parameters in libtorch memory, and the calls that turn an encoder output into {@link Scores} or
 * source-size {@link MaskMap}s. Loading refuses an adapter trained on a different encoder. Safe to share between
 * threads for scoring (each call works in its own scope); close it to free the parameters.
 */
public final class Adapter implements AutoCloseable {
    private final Path folder;
    private final AdapterSpec spec;
    private final NDManager manager;
    private final AdapterHead head;

    private Adapter(Path folder, AdapterSpec spec, NDManager manager, AdapterHead head) {
        this.folder = folder;
        this.spec = spec;
        this.manager = manager;
        this.head = head;
    }

    /** Reads and validates the folder, checks it against the loaded encoder, and puts the parameters in libtorch. */
    public static Adapter load(Path folder, Encoder loadedEncoder) throws IOException {
        return load(folder, EncoderIdentity.of(loadedEncoder), loadedEncoder.pooling());
    }

    /**
     * As {@link #load(Path, Encoder)} for an encoder known by its identity only.
     *
     * @throws AdapterFormatException for an adapter reading the pooled feature, which needs the encoder itself
     */
    public static Adapter load(Path folder, EncoderIdentity loadedEncoder) throws IOException {
        return load(folder, loadedEncoder, null);
    }

    /**
     * @param pooling the loaded encoder's pooled feature ({@link Encoder#pooling()}), needed by adapters whose input
     *                is {@link AdapterInput#POOLED}; may be null for the others
     */
    public static Adapter load(Path folder, EncoderIdentity loadedEncoder, FeaturePooling pooling) throws IOException {
        AdapterFolder.Contents c = AdapterFolder.read(folder);
        checkEncoder(folder, c.spec().encoder(), loadedEncoder);
        if (c.spec().input().usesPooled() && pooling == null) {
            throw new AdapterFormatException(folder, "input", "reads the encoder's pooled feature; load it against"
                    + " the loaded encoder itself");
        }
        return fromTensors(folder, c.spec(), c.tensors(), pooling);
    }

    /** An adapter from in-memory parameters (the trainer's result, tests). */
    public static Adapter fromTensors(Path folder, AdapterSpec spec, Map<String, float[]> tensors) {
        return fromTensors(folder, spec, tensors, null);
    }

    /** As {@link #fromTensors(Path, AdapterSpec, Map)}, with the encoder's pooling for a pooled-input adapter. */
    public static Adapter fromTensors(Path folder, AdapterSpec spec, Map<String, float[]> tensors,
                                      FeaturePooling pooling) {
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME);
        try {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : AdapterTensors.expected(spec).entrySet()) {
                NDArray a = m.create(tensors.get(e.getKey()), new Shape(e.getValue()));
                a.setName(e.getKey());
                params.put(e.getKey(), a);
            }
            return new Adapter(folder, spec, m, AdapterHead.create(spec, params, pooling));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * The classification head that came with the encoder's weights (a fine-tuned checkpoint's), as an adapter on the
     * family's pooled feature with the head's label names; empty when the encoder brought none.
     */
    public static Optional<Adapter> bundled(Encoder encoder) {
        return encoder.bundledHead().map(h -> bundled(encoder, h));
    }

    /** {@code head} (the encoder's, perhaps with other labels) as an adapter reading the encoder's pooled feature. */
    public static Adapter bundled(Encoder encoder, BundledHead head) {
        return linearProbe().setEncoder(EncoderIdentity.of(encoder)).setWeights(head.weight(), head.bias())
                .optInput(AdapterInput.POOLED).optPooling(encoder.pooling()).optLabels(head.labels())
                .optName(head.name()).optOrigin(Path.of(encoder.provenance().weightsFile()))
                .optPreprocessing(encoder.preprocessor().map(p -> new PreprocessingRecipe(p,
                                LinearProbeBuilder.NOT_RECORDED.eightBitRecipe()))
                        .orElse(LinearProbeBuilder.NOT_RECORDED))
                .build();
    }

    /**
     * A builder for an in-memory linear probe from plain weight arrays (a head exported as {@code .npy}, the demo's
     * scores): the same {@link LinearProbeHead} and the same scoring as a loaded {@code linear} adapter.
     */
    public static LinearProbeBuilder linearProbe() {
        return new LinearProbeBuilder();
    }

    /**
     * The adapter's encoder must be the loaded one: same hidden size, patch size and register count, and the same
     * weights SHA-256. An encoder loaded without hashing cannot be verified and is refused.
     */
    public static void checkEncoder(Path folder, EncoderIdentity expected, EncoderIdentity actual)
            throws EncoderMismatchException {
        if (expected.hiddenSize() != actual.hiddenSize()) {
            throw new EncoderMismatchException(folder, expected, actual, "hidden size " + expected.hiddenSize()
                    + " != " + actual.hiddenSize());
        }
        if (expected.patchSize() != actual.patchSize() || expected.registers() != actual.registers()) {
            throw new EncoderMismatchException(folder, expected, actual, "patch size / register tokens differ");
        }
        if (!actual.hasDigest()) {
            throw new EncoderMismatchException(folder, expected, actual,
                    "the loaded encoder's weights were not hashed, so its identity cannot be checked");
        }
        if (!expected.weightsSha256().equals(actual.weightsSha256())) {
            throw new EncoderMismatchException(folder, expected, actual, "weights SHA-256 differs");
        }
    }

    public AdapterSpec spec() {
        return spec;
    }

    /** The differentiable head (parameters owned by this adapter): what Grad-CAM explains. */
    public AdapterHead head() {
        return head;
    }

    public Path folder() {
        return folder;
    }

    public String provenance() {
        return "adapter=" + spec.name() + " type=" + spec.type().jsonName() + " input=" + spec.input().jsonName()
                + " folder=" + folder + " encoder_sha256=" + spec.encoder().weightsSha256() + " recipe="
                + spec.preprocessing().eightBitRecipe();
    }

    /** Raw head output for one image of an encoder output: (outputs) logits, or (outputs·rows·cols) logit grids. */
    public float[] logits(EncoderOutput out, int image) {
        TokenLayout layout = out.layout();
        if (layout.dim() != spec.encoder().hiddenSize()) {
            throw new IllegalArgumentException("tokens have D=" + layout.dim() + ", the adapter expects "
                    + spec.encoder().hiddenSize());
        }
        int n = layout.numTokens();
        int d = layout.dim();
        float[] tokens = Arrays.copyOfRange(out.lastHiddenState().data(), image * n * d, (image + 1) * n * d);
        try (NDManager scope = manager.newSubManager()) {
            NDArray t = scope.create(tokens, new Shape(1, n, d));
            return head.forward(t, layout).toFloatArray();
        }
    }

    /** Probabilities per label with the decision thresholds. */
    public Scores score(EncoderOutput out, int image) {
        if (spec.task() == AdapterTask.SEGMENTATION) {
            throw new IllegalStateException(spec.name() + " is a segmentation adapter; use segment()");
        }
        double[] p = Probabilities.of(logits(out, image), spec.task());
        List<Scores.Score> list = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            double t = spec.thresholds().get(i);
            list.add(new Scores.Score(spec.labels().get(i), p[i], t, p[i] >= t));
        }
        return new Scores(list, provenance());
    }

    /** One source-size probability map per label; {@code geometry} places the patch grid on the source image. */
    public List<MaskMap> segment(EncoderOutput out, int image, MapGeometry geometry) {
        if (spec.task() != AdapterTask.SEGMENTATION) {
            throw new IllegalStateException(spec.name() + " is not a segmentation adapter");
        }
        TokenLayout l = out.layout();
        if (geometry.rows() != l.rows() || geometry.cols() != l.cols()) {
            throw new IllegalArgumentException("geometry grid " + geometry.rows() + "×" + geometry.cols()
                    + " != token grid " + l.rows() + "×" + l.cols());
        }
        float[] logits = logits(out, image);
        int cells = l.rows() * l.cols();
        List<MaskMap> maps = new ArrayList<>();
        for (int c = 0; c < spec.outputs(); c++) {
            float[] grid = Arrays.copyOfRange(logits, c * cells, (c + 1) * cells);
            maps.add(new MaskMap(spec.labels().get(c), geometry.sourceWidth(), geometry.sourceHeight(),
                    MaskProjection.toSource(grid, geometry), spec.thresholds().get(c), provenance()));
        }
        return maps;
    }

    @Override
    public void close() {
        manager.close();
    }
}
