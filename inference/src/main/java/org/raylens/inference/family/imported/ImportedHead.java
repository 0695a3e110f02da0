package org.raylens.inference.family.imported;

import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.model.ModelLoadException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The imported classifier's own head, so that Grad-CAM, scores, occlusion and RISE explain the model's own classes
 * with no adapter: the manifest's {@code "head"} names the weight and bias of the module's last linear layer, which
 * are read from the loaded TorchScript module and become a {@link BundledHead} on the pooled feature (the class
 * token, the mean of the feature map: global average pooling). A declaration is checked, not trusted: on a probe
 * input the head must reproduce the graph's own logits output, else loading fails with what to do instead.
 *
 * <p>Why a linear head and not any head: a head is differentiated on the tokens RayLens holds (the gradient
 * at the feature map is then exact, see {@link ImportedGradientTail}); DJL cannot differentiate the graph's own logits
 * at its feature map (no gradients at non-leaves). Pooling and one linear layer is how ResNets, DenseNets and
 * TorchXRayVision's classifiers end; other heads explain through an adapter.
 */
final class ImportedHead {
    /** Largest |difference| to the graph's logits, relative to 1 + their largest magnitude. */
    static final double TOLERANCE = 1e-4;
    private static final long PROBE_SEED = 0x5EED_CA11L;

    private ImportedHead() {
    }

    /** The declared head, checked against the graph's logits on a probe input. */
    static BundledHead read(ImportManifest manifest, ImportManifest.LinearHead spec, ImportedGraph graph,
                            OutputMapping mapping) throws ModelLoadException {
        TokenLayout layout = mapping.layout();
        OutputSpec logits = manifest.outputs().stream().filter(o -> o.name().equals(spec.logits())).findFirst()
                .orElseThrow();
        int k = (int) logits.output().shape()[1];
        int d = layout.dim();
        FloatTensor w = parameter(manifest, graph, spec.weight(), "head.weight");
        if (!Arrays.equals(w.shape(), new long[]{k, d})) {
            throw new ModelLoadException(manifest.file(), "head.weight \"" + spec.weight() + "\" is "
                    + Arrays.toString(w.shape()) + "; a linear head from the " + d + " feature-map channels to the " + k
                    + " logits of \"" + spec.logits() + "\" is [" + k + ", " + d + "]");
        }
        float[] b = new float[k];
        if (spec.bias() != null) {
            FloatTensor bias = parameter(manifest, graph, spec.bias(), "head.bias");
            if (!Arrays.equals(bias.shape(), new long[]{k})) {
                throw new ModelLoadException(manifest.file(), "head.bias \"" + spec.bias() + "\" is "
                        + Arrays.toString(bias.shape()) + "; the head's bias is [" + k + "]");
            }
            b = bias.data();
        }
        checkReproduces(manifest, spec, graph, mapping, w.data(), b, k, d);
        List<String> labels = new ArrayList<>(logits.output().labels());
        String source = ImportManifest.FILE_NAME + " labels of \"" + spec.logits() + "\"";
        if (labels.isEmpty()) {
            for (int i = 0; i < k; i++) {
                labels.add("class " + i);
            }
            source = "numbered (" + ImportManifest.FILE_NAME + " gives no labels)";
        }
        return new BundledHead(manifest.name() + " " + spec.weight().replaceAll("\\.weight$", "") + " (pooled "
                + "feature map → " + spec.logits() + ")", w.data(), b, labels, source);
    }

    private static FloatTensor parameter(ImportManifest manifest, ImportedGraph graph, String name, String key)
            throws ModelLoadException {
        return graph.parameter(name).orElseThrow(() -> new ModelLoadException(manifest.file(), key + " names \""
                + name + "\" but the TorchScript module has no parameter of that name (a traced module keeps the"
                + " names of model.named_parameters(), e.g. fc.weight)"));
    }

    /**
     * One forward of a seeded probe input (normal noise, the manifest's normalised range): the graph's logits must
     * equal weight · mean(grid) + bias.
     */
    private static void checkReproduces(ImportManifest manifest, ImportManifest.LinearHead spec, ImportedGraph graph,
                                        OutputMapping mapping, float[] w, float[] b, int k, int d)
            throws ModelLoadException {
        int c = manifest.channels();
        int h = manifest.height();
        int wd = manifest.width();
        float[] x = new float[c * h * wd];
        SplittableRandom r = new SplittableRandom(PROBE_SEED);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        Map<String, FloatTensor> out = mapping.select(graph.run(new FloatTensor(x, new long[]{1, c, h, wd})), 1);
        float[] cls = Arrays.copyOf(mapping.toEncoderOutput(1, out).lastHiddenState().data(), d);
        float[] want = out.get(spec.logits()).data();
        double worst = 0;
        double scale = 1;
        for (int i = 0; i < k; i++) {
            double z = b[i];
            for (int j = 0; j < d; j++) {
                z += (double) w[i * d + j] * cls[j];
            }
            worst = Math.max(worst, Math.abs(z - want[i]));
            scale = Math.max(scale, 1 + Math.abs(want[i]));
        }
        if (!(worst <= TOLERANCE * scale)) {
            throw new ModelLoadException(manifest.file(), "the declared head (" + spec.weight()
                    + (spec.bias() == null ? "" : ", " + spec.bias()) + " on the global average of the "
                    + ModelOutput.Kind.FEATURE_MAP.key() + ") does not reproduce the graph's \"" + spec.logits()
                    + "\" output (largest difference " + String.format(java.util.Locale.ROOT, "%.3g", worst)
                    + "): the graph's head is not global average pooling and this linear layer. Remove \"head\" and"
                    + " explain with an adapter (--adapter) or a linear head (--head-weights) instead");
        }
    }
}
