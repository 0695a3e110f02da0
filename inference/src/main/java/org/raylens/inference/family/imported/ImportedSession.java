package org.raylens.inference.family.imported;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.AttentionsUnavailableException;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards of an imported graph. A graph traced with a fixed batch of one runs image by image; one with a dynamic
 * batch (the manifest's {@code input.dynamic_batch}) runs the batch at once. Inputs must be the manifest's size.
 */
final class ImportedSession implements EncoderSession {
    private final ImportManifest manifest;
    private final ImportedGraph graph;
    private final OutputMapping mapping;

    ImportedSession(ImportManifest manifest, ImportedGraph graph, OutputMapping mapping) {
        this.manifest = manifest;
        this.graph = graph;
        this.mapping = mapping;
    }

    @Override
    public EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress,
                                 CancellationToken cancel) {
        if (!options.attentionLayers().isEmpty()) {
            throw new AttentionsUnavailableException(graph.engine().key());
        }
        FloatTensor x = checked(images);
        int batch = x.dim(0);
        Map<String, FloatTensor> named;
        if (manifest.dynamicBatch() || batch == 1) {
            cancel.throwIfCancelled("before the imported graph's forward");
            named = mapping.select(graph.run(x), batch);
        } else {
            List<Map<String, FloatTensor>> runs = new ArrayList<>();
            int per = x.data().length / batch;
            for (int b = 0; b < batch; b++) {
                cancel.throwIfCancelled("before the imported graph's forward");
                long[] one = x.shape();
                one[0] = 1;
                FloatTensor image = new FloatTensor(Arrays.copyOfRange(x.data(), b * per, (b + 1) * per), one);
                runs.add(mapping.select(graph.run(image), 1));
                progress.report(b + 1, batch);
            }
            named = concatenate(runs);
        }
        return mapping.toEncoderOutput(batch, named);
    }

    /** The input as the graph takes it, or a typed refusal naming the expected shape. */
    private FloatTensor checked(FloatTensor images) {
        int c = manifest.channels();
        int h = manifest.height();
        int w = manifest.width();
        String want = "(N, " + c + ", " + h + ", " + w + ")";
        if (images.rank() != 4) {
            throw new InputShapeException("the input is " + Arrays.toString(images.shape()) + "; " + manifest.name()
                    + " takes " + want);
        }
        if (images.dim(2) != h || images.dim(3) != w) {
            throw new InputShapeException("the input is " + images.dim(2) + "x" + images.dim(3) + " pixels; "
                    + manifest.name() + " was exported for " + h + "x" + w + " " + want
                    + " and imported graphs are not resized");
        }
        if (images.dim(1) == c) {
            return images;
        }
        if (c == 1 && images.dim(1) == 3) {
            return channelMean(images);
        }
        throw new InputShapeException("the input has " + images.dim(1) + " channels; " + manifest.name() + " takes "
                + want);
    }

    /**
     * A grey model given RGB reads the channels' mean: RayLens's pipeline replicates grey to three channels, and
     * the normalisation is per channel with equal statistics, so the mean is the grey image normalised.
     */
    private static FloatTensor channelMean(FloatTensor rgb) {
        int b = rgb.dim(0);
        int p = rgb.dim(2) * rgb.dim(3);
        float[] v = rgb.data();
        float[] out = new float[b * p];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p; j++) {
                out[i * p + j] = (v[(i * 3) * p + j] + v[(i * 3 + 1) * p + j] + v[(i * 3 + 2) * p + j]) / 3f;
            }
        }
        return new FloatTensor(out, new long[]{b, 1, rgb.dim(2), rgb.dim(3)});
    }

    private static Map<String, FloatTensor> concatenate(List<Map<String, FloatTensor>> runs) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : runs.get(0).keySet()) {
            FloatTensor first = runs.get(0).get(name);
            int per = first.data().length;
            float[] all = new float[per * runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                System.arraycopy(runs.get(i).get(name).data(), 0, all, i * per, per);
            }
            long[] shape = first.shape();
            shape[0] = runs.size();
            out.put(name, new FloatTensor(all, shape));
        }
        return out;
    }

    @Override
    public TracedForward trace(FloatTensor image, TraceRequest request, Progress progress, CancellationToken cancel) {
        if (request.needsAttentions()) {
            throw new AttentionsUnavailableException(graph.engine().key());
        }
        if (request.gradientTail() && graph.engine() != ImportEngine.TORCHSCRIPT) {
            throw new NoGradientsException(graph.engine());
        }
        EncoderOutput out = forward(image, ForwardOptions.defaults(), progress, cancel);
        Optional<GradientTail> tail = request.gradientTail()
                ? Optional.of(new ImportedGradientTail(manifest, graph, mapping, image, out.lastHiddenState()))
                : Optional.empty();
        return new TracedForward(out, "imported " + graph.engine().key() + " graph at its fixed input "
                + manifest.height() + "x" + manifest.width(), tail);
    }

    @Override
    public void close() {
        // nothing per thread: each forward's arrays live in a scope closed by the graph
    }
}
