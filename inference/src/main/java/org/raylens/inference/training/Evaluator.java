package org.raylens.inference.training;

import org.raylens.core.numeric.Roc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.raylens.inference.adapter.AdapterHead;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.MaskProjection;
import org.raylens.inference.adapter.Probabilities;
import org.raylens.inference.encoder.TokenLayout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Validation passes: loss and the early-stopping metric per epoch, and the final per-class report. */
final class Evaluator {
    private final TrainingSet data;
    private final TokenLayout layout;
    private final AdapterHead head;

    Evaluator(TrainingSet data, TokenLayout layout, AdapterHead head) {
        this.data = data;
        this.layout = layout;
        this.head = head;
    }

    /** @param criterionMetric what early stopping maximises (NaN: use the loss) */
    record Pass(double loss, double metric, String metricName, double criterionMetric) {
    }

    record Final(List<TrainingReport.ClassResult> classes, double macroAuroc, double dice, double iou,
                 List<Double> thresholds) {
    }

    /** Logits of the given samples, one row each (C, or C·rows·cols), and the mean loss. */
    private record Outputs(float[][] logits, double loss) {
    }

    private Outputs run(NDManager manager, int[] idx, int batchSize) {
        float[][] out = new float[idx.length][];
        double loss = 0;
        for (int s = 0; s < idx.length; s += batchSize) {
            int[] batch = Arrays.copyOfRange(idx, s, Math.min(idx.length, s + batchSize));
            try (NDManager scope = manager.newSubManager()) {
                NDArray tokens = Batches.tokens(scope, data, batch, layout, needsPatches());
                NDArray logits = head.forward(tokens, layout);
                loss += Losses.of(data.task(), logits, Batches.targets(scope, data, batch, layout)).getFloat()
                        * batch.length;
                float[] flat = logits.toFloatArray();
                int per = flat.length / batch.length;
                for (int b = 0; b < batch.length; b++) {
                    out[s + b] = Arrays.copyOfRange(flat, b * per, (b + 1) * per);
                }
            }
        }
        return new Outputs(out, loss / idx.length);
    }

    private boolean needsPatches() {
        return head.spec().type().needsPatchTokens();
    }

    Pass pass(NDManager manager, int[] idx, int batchSize) {
        Outputs o = run(manager, idx, batchSize);
        if (data.task() == AdapterTask.SEGMENTATION) {
            return new Pass(o.loss(), masks(idx, o.logits())[0], "dice", Double.NaN);
        }
        double macro = classes(idx, o.logits()).stream().mapToDouble(TrainingReport.ClassResult::auroc)
                .filter(Double::isFinite).average().orElse(Double.NaN);
        return new Pass(o.loss(), macro, "macro_auroc", macro);
    }

    Final finalReport(NDManager manager, int batchSize) {
        int[] idx = data.validation();
        Outputs o = run(manager, idx, batchSize);
        int c = data.labels().size();
        if (data.task() == AdapterTask.SEGMENTATION) {
            double[] di = masks(idx, o.logits());
            return new Final(List.of(), Double.NaN, di[0], di[1], java.util.Collections.nCopies(c, 0.5));
        }
        List<TrainingReport.ClassResult> classes = classes(idx, o.logits());
        double macro = classes.stream().mapToDouble(TrainingReport.ClassResult::auroc).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        List<Double> thresholds = classes.stream().map(TrainingReport.ClassResult::threshold).toList();
        return new Final(classes, macro, Double.NaN, Double.NaN, thresholds);
    }

    private List<TrainingReport.ClassResult> classes(int[] idx, float[][] logits) {
        int c = data.labels().size();
        double[][] probs = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            probs[i] = Probabilities.of(logits[i], data.task());
        }
        List<TrainingReport.ClassResult> out = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            double[] scores = new double[idx.length];
            boolean[] pos = new boolean[idx.length];
            int positives = 0;
            for (int i = 0; i < idx.length; i++) {
                scores[i] = probs[i][k];
                pos[i] = data.targets()[idx[i]][k] >= 0.5f;
                positives += pos[i] ? 1 : 0;
            }
            out.add(new TrainingReport.ClassResult(data.labels().get(k), Roc.auroc(scores, pos),
                    Roc.youdenThreshold(scores, pos), positives, idx.length - positives, Roc.curve(scores, pos)));
        }
        return out;
    }

    /** {Dice, IoU} over every validation pixel the model saw, predicting the mask where probability ≥ 0.5. */
    private double[] masks(int[] idx, float[][] logits) {
        int c = data.labels().size();
        int cells = layout.rows() * layout.cols();
        int pixels = cells * data.patchSize() * data.patchSize();
        MaskMetrics m = new MaskMetrics();
        for (int i = 0; i < idx.length; i++) {
            byte[] truth = data.inputMasks()[idx[i]];
            for (int k = 0; k < c; k++) {
                float[] up = MaskProjection.upsampleToInput(Arrays.copyOfRange(logits[i], k * cells, (k + 1) * cells),
                        layout.rows(), layout.cols(), data.patchSize());
                for (int p = 0; p < pixels; p++) {
                    m.add(up[p] >= 0, truth[k * pixels + p] != 0);
                }
            }
        }
        return new double[]{m.dice(), m.iou()};
    }
}
