package org.raylens.inference.explain;

import org.raylens.inference.encoder.TorchEngine;
import org.raylens.core.result.PatchMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.raylens.inference.encoder.BlockRunner;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * The one Grad-CAM pipeline (pytorch-grad-cam's BaseCAM): activations → target → backward → channel weights → map.
 * The method ({@link CamWeighting}) only decides the weights; the target layer is a {@link CamLayer}.
 *
 * <p>How the gradient is taken: blocks 0..L−2 run on the encoder's fast path (no graph). At the target, a copy of
 * the activation becomes a gradient leaf and the forward continues from it with gradients recorded — through the
 * rest of the last block, the final LayerNorm and the head — so the backward pass covers one block, and the cost is
 * about one forward plus one block's backward. For {@link CamLayer#NORM1} the leaf replaces norm1's output in the
 * attention branch while the residual uses the block input as a constant: exactly the gradient a hook on norm1's
 * output receives in PyTorch.
 *
 * <p>DJL allows one GradientCollector per process at a time; a CAM while an adapter trains fails with DJL's
 * IllegalStateException rather than mixing gradients.
 */
public final class CamPipeline {
    private final ExplainContext context;
    private final CamLayer layer;
    private final CamWeighting weighting;

    public CamPipeline(ExplainContext context, CamLayer layer, CamWeighting weighting) {
        this.context = context;
        this.layer = layer;
        this.weighting = weighting;
    }

    /** The map for one output of the head, as a raw (un-normalised) PatchMap. */
    public PatchMap explain(ExplainInput input, TokenHead head, int output, Progress progress, CancellationToken cancel) {
        return explainEach(input, head, List.of(output), progress, cancel).get(0);
    }

    /**
     * One map per requested output ("per class"): the blocks before the target run once, then each class has its own
     * short differentiable tail and backward pass.
     */
    public List<PatchMap> explainEach(ExplainInput input, TokenHead head, List<Integer> outputs, Progress progress, CancellationToken cancel) {
        return maps(input, head, outputs, (targets) -> runEach(input, null, head, targets, progress, cancel));
    }

    /**
     * One map per requested output, starting from the last block's input a trace kept: no blocks before the target
     * run again, only each class's differentiable tail and backward pass.
     */
    public List<PatchMap> explainEach(ForwardTrace trace, TokenHead head, List<Integer> outputs, CancellationToken cancel) {
        FloatTensor start = trace.lastBlockInput().orElseThrow(() -> new IllegalStateException(
                "this trace kept no last-block input; record it with TraceNeeds.withCamInput"));
        return maps(trace.input(), head, outputs,
                (targets) -> runEach(trace.input(), start, head, targets, Progress.NONE, cancel));
    }

    private List<PatchMap> maps(ExplainInput input, TokenHead head, List<Integer> outputs,
                                java.util.function.Function<List<OutputTarget>, List<CamResult>> run) {
        List<OutputTarget> targets = new ArrayList<>();
        for (int o : outputs) {
            String label = o >= 0 && o < head.labels().size() ? head.labels().get(o) : null;
            targets.add(OutputTarget.output(o, label));
        }
        List<CamResult> results = run.apply(targets);
        List<PatchMap> maps = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CamResult r = results.get(i);
            String d = String.format(Locale.ROOT, "%s of %s at the %s; logit %.6g", weighting.name(),
                    targets.get(i).describe(), layer.description(), r.score());
            maps.add(new PatchMap(weighting.name(), d, r.rows(), r.cols(), 1, r.cam(), input.geometry(),
                    context.provenance(input, d + "; head outputs " + head.outputs())));
        }
        return maps;
    }

    /** Every intermediate of the CAM for a target. */
    public CamResult run(ExplainInput input, TokenHead head, OutputTarget target, Progress progress, CancellationToken cancel) {
        return runEach(input, null, head, List.of(target), progress, cancel).get(0);
    }

    /** @param start the last block's input when a trace kept it (then blocks 0..L−2 do not run again), else null */
    private List<CamResult> runEach(ExplainInput input, FloatTensor start, TokenHead head, List<OutputTarget> targets,
                                    Progress progress, CancellationToken cancel) {
        try (BlockRunner r = context.runner(input)) {
            int last = r.numBlocks() - 1;
            NDArray blockIn = start != null ? fromTensor(r, start) : r.runBlocks(r.embed(), 0, last, progress, cancel);
            // the block output is graph-free for the BLOCK_OUTPUT target, so it is computed once too
            NDArray blockOut = layer == CamLayer.BLOCK_OUTPUT ? r.runBlock(blockIn, last, null, progress, cancel) : null;
            NDArray n1 = layer == CamLayer.NORM1 ? r.norm1(last, blockIn) : null;
            List<CamResult> out = new ArrayList<>();
            for (OutputTarget t : targets) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("Grad-CAM cancelled");
                }
                out.add(tail(r, blockIn, n1, blockOut, head, t));
            }
            return out;
        }
    }

    /** Leaf → rest of the network with gradients → score → backward → weights → map, for one target. */
    private CamResult tail(BlockRunner r, NDArray blockIn, NDArray n1, NDArray blockOutput, TokenHead head,
                           OutputTarget target) {
        TokenLayout layout = r.layout();
        int last = r.numBlocks() - 1;
        float[] acts;
        float[] grads;
        float[] outputs;
        float score;
        try (NDManager scope = r.scope().newSubManager();
             GradientCollector collector = TorchEngine.get().newGradientCollector()) {
            NDArray leaf;
            NDArray blockOut;
            switch (layer) {
                case NORM1 -> {
                    leaf = gradientLeaf(n1, scope);
                    blockOut = r.blockFromNorm1(last, blockIn, leaf);
                }
                case BLOCK_INPUT -> {
                    leaf = gradientLeaf(blockIn, scope);
                    blockOut = r.blockDifferentiable(last, leaf);
                }
                case BLOCK_OUTPUT -> {
                    leaf = gradientLeaf(blockOutput, scope);
                    blockOut = leaf;
                }
                default -> throw new IllegalStateException("unknown layer " + layer);
            }
            NDArray logits = head.forward(r.finalNorm(blockOut), layout);
            NDArray s = target.score(logits);
            outputs = BlockRunner.toTensor(logits.get(0)).data();
            score = BlockRunner.toTensor(s).data()[0];
            collector.backward(s);
            NDArray g = leaf.getGradient();
            String patches = "0, " + layout.firstPatch() + ":, :";
            acts = BlockRunner.toTensor(leaf.get(patches)).data();
            grads = BlockRunner.toTensor(g.get(patches)).data();
        }
        int p = layout.rows() * layout.cols();
        int d = layout.dim();
        double[] w = weighting.weights(acts, grads, p, d);
        float[] cam = new float[p];
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += w[c] * acts[t * d + c];
            }
            cam[t] = (float) Math.max(s, 0);
        }
        float[] wf = new float[d];
        for (int c = 0; c < d; c++) {
            wf[c] = (float) w[c];
        }
        return new CamResult(layout.rows(), layout.cols(), d, acts, grads, wf, cam, outputs, score);
    }

    /** A kept activation back in native memory, in the encoder's precision (fp32 round-trips bf16/fp16 exactly). */
    private NDArray fromTensor(BlockRunner r, FloatTensor t) {
        NDArray a = r.scope().create(t.data(), new ai.djl.ndarray.types.Shape(t.shape()));
        ai.djl.ndarray.types.DataType dtype = context.predictor().encoder().target().precision().dataType();
        return dtype == ai.djl.ndarray.types.DataType.FLOAT32 ? a : a.toType(dtype, false);
    }

    /** A copy of a (graph-free) activation that autograd treats as a leaf, so its gradient is kept. */
    private static NDArray gradientLeaf(NDArray activation, NDManager scope) {
        NDArray leaf = activation.duplicate();
        leaf.attach(scope);
        leaf.setRequiresGradient(true);
        return leaf;
    }
}
