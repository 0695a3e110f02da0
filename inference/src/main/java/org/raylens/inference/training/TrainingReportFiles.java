package org.raylens.inference.training;

import org.raylens.core.numeric.Roc;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code report.json} (machine-readable: metrics, thresholds, ROC points, epoch history) and
 * {@code report.md} (for a person; links the ROC plots the caller draws, named by {@link #rocPlotName}).
 * Undefined values (a class absent from validation) are JSON null and "n/a", never a made-up number.
 */
public final class TrainingReportFiles {
    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";

    private TrainingReportFiles() {
    }

    /** File name of the ROC plot of one label (safe characters only). */
    public static String rocPlotName(int index, String label) {
        return "roc-" + index + "-" + label.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png";
    }

    private static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    public static void write(Path folder, AdapterSpec spec, TrainingReport r, List<String> extraNotes)
            throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("adapter", spec.name());
        o.addProperty("type", spec.type().jsonName());
        o.addProperty("input", spec.input().jsonName());
        o.addProperty("task", r.task().jsonName());
        o.addProperty("encoderSha256", spec.encoder().weightsSha256());
        spec.training().ifPresent(t -> {
            o.addProperty("dataSource", t.dataSource());
            o.addProperty("dataSha256", t.dataSha256());
            o.addProperty("date", t.date());
            o.addProperty("seed", t.seed());
        });
        o.addProperty("optimiser", r.optimiser());
        o.addProperty("trainImages", r.trainCount());
        o.addProperty("validationImages", r.validationCount());
        o.addProperty("epochsRun", r.epochsRun());
        o.addProperty("bestEpoch", r.bestEpoch());
        if (r.task() == AdapterTask.SEGMENTATION) {
            o.add("dice", num(r.dice()));
            o.add("iou", num(r.iou()));
        } else {
            o.add("macroAuroc", num(r.macroAuroc()));
            JsonArray classes = new JsonArray();
            for (int i = 0; i < r.classes().size(); i++) {
                TrainingReport.ClassResult c = r.classes().get(i);
                JsonObject co = new JsonObject();
                co.addProperty("label", c.label());
                co.add("auroc", num(c.auroc()));
                co.addProperty("threshold", c.threshold());
                co.addProperty("positives", c.positives());
                co.addProperty("negatives", c.negatives());
                co.addProperty("rocPlot", rocPlotName(i, c.label()));
                JsonArray curve = new JsonArray();
                for (Roc.Point p : c.curve()) {
                    JsonArray pt = new JsonArray();
                    pt.add(p.fpr());
                    pt.add(p.tpr());
                    pt.add(num(p.threshold()));
                    curve.add(pt);
                }
                co.add("roc", curve);
                classes.add(co);
            }
            o.add("classes", classes);
        }
        JsonArray history = new JsonArray();
        for (EpochResult e : r.history()) {
            JsonObject eo = new JsonObject();
            eo.addProperty("epoch", e.epoch());
            eo.add("trainLoss", num(e.trainLoss()));
            eo.add("validationLoss", num(e.validationLoss()));
            eo.add(e.metricName(), num(e.validationMetric()));
            eo.addProperty("best", e.best());
            history.add(eo);
        }
        o.add("history", history);
        JsonArray notes = new JsonArray();
        r.notes().forEach(notes::add);
        extraNotes.forEach(notes::add);
        o.add("notes", notes);
        AtomicFiles.writeString(folder.resolve(JSON), new GsonBuilder().setPrettyPrinting().serializeNulls()
                .disableHtmlEscaping().create().toJson(o) + "\n");
        AtomicFiles.writeString(folder.resolve(MARKDOWN), markdown(spec, r, extraNotes));
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String markdown(AdapterSpec spec, TrainingReport r, List<String> extraNotes) {
        StringBuilder b = new StringBuilder();
        b.append("# Adapter training report: ").append(spec.name()).append("\n\n");
        b.append("- type: ").append(spec.type().jsonName()).append(", input: ").append(spec.input().jsonName())
                .append(", task: ").append(r.task().jsonName()).append('\n');
        b.append("- encoder weights SHA-256: `").append(spec.encoder().weightsSha256()).append("`\n");
        spec.training().ifPresent(t -> b.append("- data: ").append(t.dataSource()).append(" (SHA-256 `")
                .append(t.dataSha256()).append("`)\n- trained: ").append(t.date()).append(", seed ").append(t.seed())
                .append('\n'));
        b.append("- optimiser: ").append(r.optimiser()).append('\n');
        b.append("- images: ").append(r.trainCount()).append(" training, ").append(r.validationCount())
                .append(" validation (split by patient where known)\n");
        b.append("- epochs run: ").append(r.epochsRun()).append(", best epoch: ").append(r.bestEpoch()).append("\n\n");
        b.append("All metrics are on the validation images, with the best epoch's parameters.\n\n");
        if (r.task() == AdapterTask.SEGMENTATION) {
            b.append("| metric | value |\n|---|---|\n| Dice | ").append(f(r.dice())).append(" |\n| IoU | ")
                    .append(f(r.iou())).append(" |\n\n");
        } else {
            b.append("**Macro AUROC: ").append(f(r.macroAuroc())).append("** (mean over classes with both positives"
                    + " and negatives in validation)\n\n");
            b.append("| label | AUROC | threshold (Youden) | positives | negatives | ROC |\n|---|---|---|---|---|---|\n");
            for (int i = 0; i < r.classes().size(); i++) {
                TrainingReport.ClassResult c = r.classes().get(i);
                String plot = rocPlotName(i, c.label());
                b.append("| ").append(c.label()).append(" | ").append(f(c.auroc())).append(" | ")
                        .append(f(c.threshold())).append(" | ").append(c.positives()).append(" | ")
                        .append(c.negatives()).append(" | [").append(plot).append("](").append(plot).append(") |\n");
            }
            b.append('\n');
            for (int i = 0; i < r.classes().size(); i++) {
                String plot = rocPlotName(i, r.classes().get(i).label());
                b.append("![ROC ").append(r.classes().get(i).label()).append("](").append(plot).append(")\n");
            }
            b.append('\n');
        }
        b.append("## Epochs\n\n| epoch | train loss | validation loss | ")
                .append(r.history().isEmpty() ? "metric" : r.history().get(0).metricName()).append(" | best |\n")
                .append("|---|---|---|---|---|\n");
        for (EpochResult e : r.history()) {
            b.append("| ").append(e.epoch()).append(" | ").append(f(e.trainLoss())).append(" | ")
                    .append(f(e.validationLoss())).append(" | ").append(f(e.validationMetric())).append(" | ")
                    .append(e.best() ? "yes" : "").append(" |\n");
        }
        List<String> notes = new java.util.ArrayList<>(r.notes());
        notes.addAll(extraNotes);
        if (!notes.isEmpty()) {
            b.append("\n## Notes\n\n");
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        return b.toString();
    }
}
