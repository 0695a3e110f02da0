package org.raylens.inference.family.imported;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.NoGradScope;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Gradients of an imported TorchScript graph, for the CAMs and the input-gradient methods.
 *
 * <p>Design (docs/model-format.md, "Gradients"). DJL's PyTorch JNI has autograd only at leaves: it can mark an array
 * as requiring gradients ({@code torchAttachGrad}), run a backward ({@code torchBackward}) and read a leaf's gradient
 * ({@code torchGrad}), but it binds neither {@code retain_grad} nor {@code torch.autograd.grad}, so the gradient at an
 * activation <em>inside</em> a TorchScript module cannot be read. Two facts make that enough:
 * <ul>
 *   <li><b>Grad-CAM's layer is the graph's spatial output.</b> What RayLens explains is a head on the tokens (an
 *       adapter, a linear head, or the model's own linear classifier read from the archive, see
 *       {@link ImportedHead}); the tokens are the manifest's feature map (or prefix-free patch tokens) behind their
 *       mean. So the feature map is a leaf for the head's backward and its gradient is exact — the same numbers
 *       pytorch-grad-cam gets with a hook on the layer that produces it, when the graph's own logits are that head
 *       (global average pooling and a linear layer, as ResNets, DenseNets and TorchXRayVision end).</li>
 *   <li><b>The input is a leaf.</b> For Saliency, SmoothGrad and Integrated Gradients the (B, C, H, W) input
 *       requires gradients, the whole module runs inside a GradientCollector (in eval mode), the tokens are built
 *       from its outputs with DJL operations ({@link OutputMapping#tokens}) and the head's score is differentiated
 *       back through the module to the pixels.</li>
 * </ul>
 * A gradient at a layer deeper inside the module would need the module split into two files (backbone, head); that
 * is not offered, since the exact route above covers classifiers ending in pooling and a linear layer.
 */
final class ImportedGradientTail implements GradientTail {
    /** The one layer: the graph's spatial output. */
    static final GradientLayer LAYER = new GradientLayer("feature-map",
            "graph's feature-map (spatial) output, before pooling");

    private final ImportManifest manifest;
    private final ImportedGraph graph;
    private final OutputMapping mapping;
    private final FloatTensor image;
    private final FloatTensor tokens;

    /**
     * @param image  the traced (1, C, H, W) input as given (three channels for a grey model are averaged, as the
     *               session does)
     * @param tokens the traced forward's (1, N, D) tokens
     */
    ImportedGradientTail(ImportManifest manifest, ImportedGraph graph, OutputMapping mapping, FloatTensor image,
                         FloatTensor tokens) {
        this.manifest = manifest;
        this.graph = graph;
        this.mapping = mapping;
        this.image = image;
        this.tokens = tokens;
    }

    @Override
    public List<GradientLayer> layers() {
        return mapping.gridIsFinal() ? List.of(LAYER) : List.of();
    }

    private void checkLayer(String layer) {
        if (!mapping.gridIsFinal()) {
            throw new IllegalArgumentException(manifest.name() + " has no feature-map output (or patch tokens without"
                    + " prefix tokens) to take Grad-CAM's gradients at; declare the graph's spatial output in "
                    + ImportManifest.FILE_NAME);
        }
        if (layer != null && !layer.isBlank() && !layer.equals(LAYER.name())) {
            throw new IllegalArgumentException("no gradient layer named \"" + layer + "\"; an imported TorchScript"
                    + " model has [" + LAYER.name() + "]");
        }
    }

    /** The traced grid, (P·D) row-major: tokens 1..N of image 0. */
    private float[] grid() {
        TokenLayout l = mapping.layout();
        int d = l.dim();
        return Arrays.copyOfRange(tokens.data(), d, l.numTokens() * d);
    }

    @Override
    public List<LayerGradients> gradients(String layer, List<Score> scores, CancellationToken cancel) {
        checkLayer(layer);
        TokenLayout l = mapping.layout();
        int p = l.rows() * l.cols();
        float[] grid = grid();
        List<LayerGradients> out = new ArrayList<>();
        for (Score score : scores) {
            if (cancel.isCancelled()) {
                throw new CancellationException("Grad-CAM cancelled after " + out.size() + " of " + scores.size()
                        + " targets");
            }
            // a fresh leaf per target, so no gradient accumulates from the previous backward
            try (NDManager scope = graph.newScope(); GradientCollector collector = TorchEngine.get()
                    .newGradientCollector()) {
                NDArray leaf = scope.create(grid, new Shape(1, p, l.dim()));
                leaf.setRequiresGradient(true);
                Scored s = score.apply(OutputMapping.withMeanToken(leaf), l);
                float[] outputs = s.outputs().toFloatArray();
                float value = s.score().toFloatArray()[0];
                collector.backward(s.score());
                out.add(new LayerGradients(l, grid, leaf.getGradient().toFloatArray(), outputs, value));
            }
        }
        return out;
    }

    @Override
    public InputGradients inputGradients(FloatTensor images, Score score, CancellationToken cancel) {
        long[] s = images.shape();
        if (images.rank() != 4 || s[1] != image.dim(1) || s[2] != image.dim(2) || s[3] != image.dim(3)) {
            throw new IllegalArgumentException("input gradients need (B, " + image.dim(1) + ", " + image.dim(2) + ", "
                    + image.dim(3) + ") images like the traced one, got " + Arrays.toString(s));
        }
        int batch = images.dim(0);
        if (manifest.dynamicBatch() || batch == 1) {
            return pass(images, score);
        }
        // a graph traced for a batch of one runs image by image; the images are independent, so each one's backward
        // of its own score is its share of the batch's summed score
        int per = images.data().length / batch;
        float[] grads = new float[images.data().length];
        float[] outs = null;
        long[] outShape = null;
        for (int b = 0; b < batch; b++) {
            if (cancel.isCancelled()) {
                throw new CancellationException("input gradients cancelled after " + b + " of " + batch + " images");
            }
            long[] one = images.shape();
            one[0] = 1;
            InputGradients g = pass(new FloatTensor(Arrays.copyOfRange(images.data(), b * per, (b + 1) * per), one),
                    score);
            System.arraycopy(g.gradients().data(), 0, grads, b * per, per);
            float[] o = g.outputs().data();
            if (outs == null) {
                outs = new float[o.length * batch];
                outShape = g.outputs().shape();
                outShape[0] = batch;
            }
            System.arraycopy(o, 0, outs, b * o.length, o.length);
        }
        return new InputGradients(new FloatTensor(grads, images.shape()), new FloatTensor(outs, outShape));
    }

    /** One differentiable run of the whole module on {@code images}, then backward to them. */
    private InputGradients pass(FloatTensor images, Score score) {
        int batch = images.dim(0);
        try (NDManager scope = graph.newScope(); GradientCollector collector = TorchEngine.get()
                .newGradientCollector()) {
            NDArray leaf = scope.create(images.data(), new Shape(images.shape()));
            leaf.setRequiresGradient(true);
            // a grey model given RGB reads the channels' mean, as ImportedSession does; the mean is differentiated too
            NDArray x = manifest.channels() == 1 && images.dim(1) == 3 ? leaf.mean(new int[]{1}, true) : leaf;
            NDList raw = graph.forwardRecorded(scope, x);
            Scored s = score.apply(mapping.tokens(raw, batch), mapping.layout());
            FloatTensor outputs = new FloatTensor(s.outputs().toFloatArray(), s.outputs().getShape().getShape());
            collector.backward(s.score());
            NDArray g = leaf.getGradient();
            return new InputGradients(new FloatTensor(g.toFloatArray(), g.getShape().getShape()), outputs);
        }
    }

    @Override
    public float[][] scoresFromEdited(String layer, int variants, int batch, ActivationEdit edit, BatchScore score,
                                      CancellationToken cancel) {
        checkLayer(layer);
        TokenLayout l = mapping.layout();
        int n = l.numTokens();
        int d = l.dim();
        float[] base = Arrays.copyOf(tokens.data(), n * d);
        float[][] out = new float[variants][];
        for (int start = 0; start < variants; start += batch) {
            if (cancel.isCancelled()) {
                throw new CancellationException("Ablation-CAM cancelled after " + start + " of " + variants);
            }
            int b = Math.min(batch, variants - start);
            float[] copies = new float[b * (n - 1) * d];
            for (int i = 0; i < b; i++) {
                float[] one = base.clone();
                edit.edit(start + i, one, l);
                System.arraycopy(one, d, copies, i * (n - 1) * d, (n - 1) * d);
            }
            try (NDManager scope = graph.newScope(); NoGradScope ignored = NoGradScope.enter()) {
                // the class token is the grid's mean: recomputed from the edited grid, as pooling the edited map would
                NDArray t = OutputMapping.withMeanToken(scope.create(copies, new Shape(b, n - 1, d)));
                float[] s = score.apply(t, l).toFloatArray();
                int targets = s.length / b;
                for (int i = 0; i < b; i++) {
                    out[start + i] = Arrays.copyOfRange(s, i * targets, (i + 1) * targets);
                }
            }
        }
        return out;
    }
}
