package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
    public static Adapter load(Path folder, EncoderIdentity loadedEncoder) throws IOException {
        AdapterFolder.Contents c = AdapterFolder.read(folder);
        checkEncoder(folder, c.spec().encoder(), loadedEncoder);
        return fromTensors(folder, c.spec(), c.tensors());
    }

    /** An adapter from in-memory parameters (the trainer's result, tests). */
    public static Adapter fromTensors(Path folder, AdapterSpec spec, Map<String, float[]> tensors) {
        NDManager m = NDManager.newBaseManager(TorchEngine.NAME);
        try {
            Map<String, NDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : AdapterTensors.expected(spec).entrySet()) {
                NDArray a = m.create(tensors.get(e.getKey()), new Shape(e.getValue()));
                a.setName(e.getKey());
                params.put(e.getKey(), a);
            }
            return new Adapter(folder, spec, m, AdapterHead.create(spec, params));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
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
