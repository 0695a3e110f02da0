package org.raylens.inference.training;

import org.raylens.inference.encoder.TorchEngine;
import org.raylens.core.progress.CancellationToken;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.raylens.inference.encoder.NoGradScope;
import org.raylens.inference.adapter.AdapterHead;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.adapter.TrainingProvenance;
import org.raylens.inference.encoder.TokenLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Fits an adapter head on frozen-encoder features: seeded initialisation and shuffling, mini-batch AdamW on BCE
 * (multi-label), cross-entropy (multi-class) or BCE + Dice (masks), a validation pass per epoch, early stopping with
 * patience, and the best epoch's parameters kept. The criterion is validation macro AUROC (ties broken by the lower
 * validation loss) when it is defined, else validation loss; for masks, validation loss. After every epoch the state
 * goes to {@code <out>/checkpoint/} so a cancelled run resumes and ends exactly where an uninterrupted one would.
 * Finally the thresholds are chosen on validation by Youden's J.
 */
public final class AdapterTrainer {
    private final TrainingSet data;
    private final TrainingSettings settings;
    private final AdapterSpec spec;
    private final TokenLayout layout;

    /** What identifies the adapter beyond the settings: name, encoder, preprocessing and where the data came from. */
    public record Identity(String name, EncoderIdentity encoder, PreprocessingRecipe preprocessing, String dataSource,
                           String dataSha256) {
    }

    /** The trained adapter: its spec (thresholds and provenance filled in), tensors, and the validation report. */
    public record Result(AdapterSpec spec, Map<String, float[]> tensors, TrainingReport report) {
    }

    public AdapterTrainer(TrainingSet data, TrainingSettings settings, Identity identity) {
        this.data = data;
        this.settings = settings;
        AdapterTask task = data.task();
        int hidden = settings.type() == AdapterType.ATTENTION_POOL_MLP || settings.type() == AdapterType.SEGMENTATION_CONV
                ? settings.hiddenSize() : 0;
        int heads = settings.type() == AdapterType.ATTENTION_POOL_MLP ? settings.heads() : 0;
        this.spec = new AdapterSpec(identity.name(), settings.type(), settings.input(), task, data.labels(),
                Collections.nCopies(data.labels().size(), 0.5), hidden, heads, identity.encoder(),
                identity.preprocessing(), Optional.of(new TrainingProvenance(identity.dataSource(),
                identity.dataSha256(), "", settings.seed(), 0, "", Map.of())));
        ImageFeatures f0 = data.features().get(0);
        if (f0.dim() != identity.encoder().hiddenSize()) {
            throw new IllegalArgumentException("features have D=" + f0.dim() + " but the encoder "
                    + identity.encoder().hiddenSize());
        }
        boolean patches = settings.type().needsPatchTokens();
        for (ImageFeatures f : data.features()) {
            if (patches && (!f.hasPatches() || f.rows() != f0.rows() || f.cols() != f0.cols())) {
                throw new IllegalArgumentException("a " + settings.type().jsonName() + " adapter needs every image's"
                        + " patch tokens on one grid (use a centre-cropping preprocessor)");
            }
        }
        // a linear probe sees [CLS, mean patch] as a 1×1 "grid": its mean patch is then exactly the cached mean
        this.layout = patches ? new TokenLayout(0, f0.rows(), f0.cols(), data.patchSize(), f0.dim())
                : new TokenLayout(0, 1, 1, data.patchSize(), f0.dim());
    }

    public AdapterSpec initialSpec() {
        return spec;
    }

    public Result train(Path outFolder, boolean resume, TrainingListener listener, CancellationToken cancel)
            throws IOException {
        Map<String, long[]> shapes = AdapterTensors.expected(spec);
        // the epoch budget is left out: resuming with more (or fewer) epochs is a normal thing to ask
        String fingerprint = Sha256.ofString(settings.withEpochs(1) + "|" + spec.type() + "|" + spec.encoder() + "|"
                + spec.preprocessing().key() + "|" + data.fingerprint());
        List<String> notes = new ArrayList<>();
        TorchEngine.get(); // loads libtorch before any JNI call
        try (NDManager manager = NDManager.newBaseManager(TorchEngine.NAME)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            AdapterTensors.initial(spec, settings.seed()).forEach((k, v) -> {
                NDArray a = manager.create(v, new Shape(shapes.get(k)));
                a.setRequiresGradient(true);
                params.put(k, a);
            });
            AdapterHead head = AdapterHead.create(spec, params);
            AdamW adam = new AdamW(params, manager, settings.learningRate(), settings.weightDecay());
            List<EpochResult> history = new ArrayList<>();
            Map<String, float[]> best = snapshot(params);
            int startEpoch = 0;
            int bestEpoch = 0;
            double bestMetric = Double.NEGATIVE_INFINITY;
            double bestLoss = Double.POSITIVE_INFINITY;
            int bad = 0;
            Optional<TrainingCheckpoint> cp = resume
                    ? TrainingCheckpoint.read(outFolder, fingerprint, shapes.keySet()) : Optional.empty();
            if (resume && cp.isEmpty()) {
                listener.message("no checkpoint to resume in " + TrainingCheckpoint.dir(outFolder) + "; starting afresh");
            }
            if (cp.isPresent()) {
                TrainingCheckpoint c = cp.get();
                try (NoGradScope noGrad = NoGradScope.enter()) {
                    c.params().forEach((k, v) -> params.get(k).set(v));
                }
                adam.restore(c.adamSteps(), c.firstMoments(), c.secondMoments());
                history.addAll(c.history());
                best = c.best();
                startEpoch = c.epochsDone();
                bestEpoch = c.bestEpoch();
                bestMetric = c.bestMetric();
                bestLoss = c.bestLoss();
                bad = c.badEpochs();
                notes.add("resumed after epoch " + startEpoch);
                listener.message("resuming after epoch " + startEpoch + " of " + settings.epochs());
            }
            Evaluator eval = new Evaluator(data, layout, head);
            boolean stopped = bad >= settings.patience();
            for (int epoch = startEpoch; epoch < settings.epochs() && !stopped; epoch++) {
                double trainLoss = runEpoch(epoch, manager, head, params, adam, cancel);
                Evaluator.Pass val = eval.pass(manager, data.validation(), settings.batchSize());
                double metric = val.criterionMetric();
                boolean improved = Double.isFinite(metric)
                        ? metric > bestMetric + 1e-9 || Math.abs(metric - bestMetric) <= 1e-9 && val.loss() < bestLoss
                        : val.loss() < bestLoss;
                if (improved) {
                    bestMetric = Double.isFinite(metric) ? metric : bestMetric;
                    bestLoss = val.loss();
                    bestEpoch = epoch + 1;
                    best = snapshot(params);
                    bad = 0;
                } else {
                    bad++;
                }
                EpochResult r = new EpochResult(epoch + 1, settings.epochs(), trainLoss, val.loss(), metric,
                        val.metricName(), improved);
                history.add(r);
                new TrainingCheckpoint(fingerprint, epoch + 1, adam.steps(), bestEpoch, bestMetric, bestLoss, bad,
                        history, snapshot(params), snapshot(adam.firstMoments()), snapshot(adam.secondMoments()), best)
                        .write(outFolder, shapes);
                listener.epochDone(r);
                cancel.throwIfCancelled("after epoch " + (epoch + 1));
                if (bad >= settings.patience()) {
                    stopped = true;
                    notes.add("stopped early after epoch " + (epoch + 1) + ": no improvement for "
                            + settings.patience() + " epochs");
                }
            }
            try (NoGradScope noGrad = NoGradScope.enter()) {
                best.forEach((k, v) -> params.get(k).set(v));
            }
            Evaluator.Final fin = eval.finalReport(manager, settings.batchSize());
            int epochsRun = history.size();
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (data.task() == AdapterTask.SEGMENTATION) {
                metrics.put("dice", fin.dice());
                metrics.put("iou", fin.iou());
            } else {
                metrics.put("macro_auroc", fin.macroAuroc());
                for (TrainingReport.ClassResult c : fin.classes()) {
                    metrics.put("auroc/" + c.label(), c.auroc());
                }
            }
            TrainingProvenance prov = new TrainingProvenance(spec.training().orElseThrow().dataSource(),
                    spec.training().orElseThrow().dataSha256(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    settings.seed(), epochsRun, adam.describe() + ", batch=" + settings.batchSize() + ", best epoch "
                    + bestEpoch, metrics);
            AdapterSpec done = spec.withThresholds(fin.thresholds()).withTraining(prov);
            TrainingReport report = new TrainingReport(data.task(), data.labels(), data.train().length,
                    data.validation().length, epochsRun, bestEpoch, history, fin.classes(), fin.macroAuroc(),
                    fin.dice(), fin.iou(), adam.describe(), notes);
            return new Result(done, snapshot(params), report);
        }
    }

    /**
     * True when this adapter's steps are so small that libtorch runs them faster on one thread (measured: a tiny
     * head's steps ran 5× slower on 2 busy cores with libtorch's thread pool than on one thread). The thread count is
     * process-wide, so the caller (the composition root) decides, through {@code TorchEngine.configure}.
     */
    public boolean prefersOneThread() {
        return stepFlops(AdapterTensors.expected(spec)) < SMALL_STEP_FLOPS;
    }

    /** Below this many multiply-adds per step, thread hand-offs cost more than they save. */
    private static final double SMALL_STEP_FLOPS = 2e7;

    /** Rough multiply-adds of one step: every parameter touched once per token of the batch (forward only). */
    private double stepFlops(Map<String, long[]> shapes) {
        long params = 0;
        for (long[] s : shapes.values()) {
            long n = 1;
            for (long v : s) {
                n *= v;
            }
            params += n;
        }
        return (double) params * settings.batchSize() * layout.numTokens();
    }

    /** Removes the resume state once the adapter is safely written. */
    public static void deleteCheckpoint(Path outFolder) throws IOException {
        TrainingCheckpoint.delete(outFolder);
    }

    private double runEpoch(int epoch, NDManager manager, AdapterHead head, Map<String, NDArray> params, AdamW adam,
                            CancellationToken cancel) {
        List<Integer> order = new ArrayList<>();
        for (int i : data.train()) {
            order.add(i);
        }
        // a fresh seeded shuffle per epoch: a resumed run sees the same batches as an uninterrupted one
        Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + epoch));
        double lossSum = 0;
        int count = 0;
        for (int start = 0; start < order.size(); start += settings.batchSize()) {
            cancel.throwIfCancelled("during epoch " + (epoch + 1));
            int[] batch = order.subList(start, Math.min(order.size(), start + settings.batchSize())).stream()
                    .mapToInt(Integer::intValue).toArray();
            try (NDManager step = manager.newSubManager()) {
                NDArray tokens = Batches.tokens(step, data, batch, layout, settings.type().needsPatchTokens());
                NDArray targets = Batches.targets(step, data, batch, layout);
                Map<String, NDArray> grads = new LinkedHashMap<>();
                float loss;
                try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
                    NDArray l = Losses.of(data.task(), head.forward(tokens, layout), targets);
                    gc.backward(l);
                    loss = l.getFloat();
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        try (NDArray g = e.getValue().getGradient()) {
                            NDArray copy = g.duplicate();
                            copy.attach(step);
                            grads.put(e.getKey(), copy);
                            g.subi(g); // libtorch accumulates gradients: clear them for the next step
                        }
                    }
                }
                adam.step(grads);
                lossSum += loss * batch.length;
                count += batch.length;
            }
        }
        return lossSum / count;
    }

    static Map<String, float[]> snapshot(Map<String, NDArray> arrays) {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }
}
