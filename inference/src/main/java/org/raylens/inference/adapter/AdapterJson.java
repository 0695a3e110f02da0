package org.raylens.inference.adapter;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.raylens.inference.model.PreprocessorConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code adapter.json} (format "raylens-adapter", formatVersion 1; see docs/adapter-format.md).
 * Reading checks every field's presence and type and every cross-field rule of {@link AdapterSpec}; a problem is an
 * {@link AdapterFormatException} whose {@code field()} is the dotted JSON path at fault.
 */
public final class AdapterJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private AdapterJson() {
    }

    public static void write(AdapterSpec spec, Path file) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(toJson(spec)) + "\n");
    }

    public static JsonObject toJson(AdapterSpec s) {
        JsonObject o = new JsonObject();
        o.addProperty("format", AdapterSpec.FORMAT);
        o.addProperty("formatVersion", AdapterSpec.FORMAT_VERSION);
        o.addProperty("name", s.name());
        o.addProperty("type", s.type().jsonName());
        o.addProperty("input", s.input().jsonName());
        o.addProperty("task", s.task().jsonName());
        JsonArray labels = new JsonArray();
        s.labels().forEach(labels::add);
        o.add("labels", labels);
        JsonObject thresholds = new JsonObject();
        for (int i = 0; i < s.labels().size(); i++) {
            thresholds.addProperty(s.labels().get(i), s.thresholds().get(i));
        }
        o.add("thresholds", thresholds);
        JsonObject arch = new JsonObject();
        arch.addProperty("hiddenSize", s.hiddenSize());
        arch.addProperty("heads", s.heads());
        o.add("architecture", arch);
        JsonObject enc = new JsonObject();
        enc.addProperty("architecture", s.encoder().architecture());
        enc.addProperty("hiddenSize", s.encoder().hiddenSize());
        enc.addProperty("patchSize", s.encoder().patchSize());
        enc.addProperty("registers", s.encoder().registers());
        enc.addProperty("weightsSha256", s.encoder().weightsSha256());
        o.add("encoder", enc);
        JsonObject pre = new JsonObject();
        pre.add("processor", processorJson(s.preprocessing().processor()));
        pre.addProperty("eightBitRecipe", s.preprocessing().eightBitRecipe());
        o.add("preprocessing", pre);
        s.training().ifPresent(t -> {
            JsonObject tr = new JsonObject();
            tr.addProperty("dataSource", t.dataSource());
            tr.addProperty("dataSha256", t.dataSha256());
            tr.addProperty("date", t.date());
            tr.addProperty("seed", t.seed());
            tr.addProperty("epochs", t.epochs());
            tr.addProperty("optimiser", t.optimiser());
            JsonObject m = new JsonObject();
            t.metrics().forEach((k, v) -> m.add(k, Double.isFinite(v) ? new JsonPrimitive(v) : null));
            tr.add("metrics", m);
            o.add("training", tr);
        });
        return o;
    }

    /** HF preprocessor_config.json keys, so the block reads like the model folder's own file. */
    static JsonObject processorJson(PreprocessorConfig p) {
        JsonObject o = new JsonObject();
        o.addProperty("image_processor_type", "BitImageProcessor");
        o.addProperty("do_convert_rgb", p.doConvertRgb());
        o.addProperty("do_resize", p.doResize());
        JsonObject size = new JsonObject();
        size.addProperty("shortest_edge", p.shortestEdge());
        o.add("size", size);
        o.addProperty("resample", p.resample());
        o.addProperty("do_center_crop", p.doCenterCrop());
        JsonObject crop = new JsonObject();
        crop.addProperty("height", p.cropHeight());
        crop.addProperty("width", p.cropWidth());
        o.add("crop_size", crop);
        o.addProperty("do_rescale", p.doRescale());
        o.addProperty("rescale_factor", p.rescaleFactor());
        o.addProperty("do_normalize", p.doNormalize());
        o.add("image_mean", floats(p.imageMean()));
        o.add("image_std", floats(p.imageStd()));
        return o;
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float f : v) {
            a.add(f);
        }
        return a;
    }

    public static AdapterSpec read(Path file) throws AdapterFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdapterFormatException(file, null, "cannot read: " + e.getMessage(), e);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new AdapterFormatException(file, null, "not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new AdapterFormatException(file, null, "not a JSON object");
        }
        return new Reader(file).spec(root.getAsJsonObject());
    }

    /** Field-by-field reading with the JSON path kept for messages. */
    private record Reader(Path file) {
        AdapterSpec spec(JsonObject o) throws AdapterFormatException {
            String format = string(o, "format");
            if (!format.equals(AdapterSpec.FORMAT)) {
                throw error("format", "is '" + format + "', expected '" + AdapterSpec.FORMAT + "'");
            }
            int version = integer(o, "formatVersion");
            if (version != AdapterSpec.FORMAT_VERSION) {
                throw error("formatVersion", "is " + version + "; this RayLens reads version "
                        + AdapterSpec.FORMAT_VERSION + " (a newer RayLens may read it)");
            }
            String name = string(o, "name");
            AdapterType type = AdapterType.parse(string(o, "type")).orElseThrow(() -> error("type",
                    "must be linear, attention-pool-mlp, segmentation-linear or segmentation-conv"));
            AdapterInput input = AdapterInput.parse(string(o, "input")).orElseThrow(() -> error("input",
                    "must be cls, cls+mean-patch, patch-tokens or pooled"));
            AdapterTask task = AdapterTask.parse(string(o, "task")).orElseThrow(() -> error("task",
                    "must be multilabel, multiclass or segmentation"));
            List<String> labels = new ArrayList<>();
            JsonArray la = array(o, "labels");
            for (int i = 0; i < la.size(); i++) {
                JsonElement e = la.get(i);
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                    throw error("labels[" + i + "]", "must be a string");
                }
                labels.add(e.getAsString());
            }
            JsonObject th = object(o, "thresholds", "thresholds");
            List<Double> thresholds = new ArrayList<>();
            for (String l : labels) {
                thresholds.add(number(th, l, "thresholds." + l));
            }
            for (String k : th.keySet()) {
                if (!labels.contains(k)) {
                    throw error("thresholds." + k, "is not one of the labels " + labels);
                }
            }
            JsonObject arch = object(o, "architecture", "architecture");
            int hidden = integer(arch, "hiddenSize", "architecture.hiddenSize");
            int heads = integer(arch, "heads", "architecture.heads");
            JsonObject enc = object(o, "encoder", "encoder");
            String sha = string(enc, "weightsSha256", "encoder.weightsSha256");
            if (!sha.matches("[0-9a-f]{64}") && !sha.equals(EncoderIdentity.NOT_COMPUTED)) {
                throw error("encoder.weightsSha256", "must be 64 lower-case hex digits, got '" + sha + "'");
            }
            EncoderIdentity encoder = new EncoderIdentity(string(enc, "architecture", "encoder.architecture"),
                    integer(enc, "hiddenSize", "encoder.hiddenSize"), integer(enc, "patchSize", "encoder.patchSize"),
                    integer(enc, "registers", "encoder.registers"), sha);
            JsonObject pre = object(o, "preprocessing", "preprocessing");
            PreprocessingRecipe recipe = new PreprocessingRecipe(
                    processor(object(pre, "processor", "preprocessing.processor")),
                    string(pre, "eightBitRecipe", "preprocessing.eightBitRecipe"));
            Optional<TrainingProvenance> training = Optional.empty();
            if (o.has("training") && !o.get("training").isJsonNull()) {
                training = Optional.of(training(object(o, "training", "training")));
            }
            try {
                return new AdapterSpec(name, type, input, task, labels, thresholds, hidden, heads, encoder, recipe,
                        training);
            } catch (AdapterSpec.InvalidSpec e) {
                throw new AdapterFormatException(file, e.field(), e.getMessage().substring(e.field().length() + 2), e);
            }
        }

        PreprocessorConfig processor(JsonObject p) throws AdapterFormatException {
            String f = "preprocessing.processor.";
            JsonObject size = object(p, "size", f + "size");
            JsonObject crop = object(p, "crop_size", f + "crop_size");
            try {
                return new PreprocessorConfig(bool(p, "do_convert_rgb", f), bool(p, "do_resize", f),
                        integer(size, "shortest_edge", f + "size.shortest_edge"), integer(p, "resample", f + "resample"),
                        bool(p, "do_center_crop", f), integer(crop, "height", f + "crop_size.height"),
                        integer(crop, "width", f + "crop_size.width"), bool(p, "do_rescale", f),
                        number(p, "rescale_factor", f + "rescale_factor"), bool(p, "do_normalize", f),
                        triple(p, "image_mean", f), triple(p, "image_std", f));
            } catch (IllegalArgumentException e) {
                throw error("preprocessing.processor", e.getMessage());
            }
        }

        TrainingProvenance training(JsonObject t) throws AdapterFormatException {
            Map<String, Double> metrics = new LinkedHashMap<>();
            JsonObject m = object(t, "metrics", "training.metrics");
            for (String k : m.keySet()) {
                metrics.put(k, m.get(k).isJsonNull() ? Double.NaN : number(m, k, "training.metrics." + k));
            }
            return new TrainingProvenance(string(t, "dataSource", "training.dataSource"),
                    string(t, "dataSha256", "training.dataSha256"), string(t, "date", "training.date"),
                    (long) number(t, "seed", "training.seed"), integer(t, "epochs", "training.epochs"),
                    string(t, "optimiser", "training.optimiser"), metrics);
        }

        float[] triple(JsonObject o, String key, String prefix) throws AdapterFormatException {
            JsonArray a = array(o, key, prefix + key);
            if (a.size() != 3) {
                throw error(prefix + key, "needs 3 values");
            }
            float[] out = new float[3];
            for (int i = 0; i < 3; i++) {
                JsonElement e = a.get(i);
                if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                    throw error(prefix + key + "[" + i + "]", "must be a number");
                }
                out[i] = e.getAsFloat();
            }
            return out;
        }

        AdapterFormatException error(String field, String message) {
            return new AdapterFormatException(file, field, message);
        }

        JsonElement required(JsonObject o, String key, String path) throws AdapterFormatException {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw error(path, "is missing");
            }
            return e;
        }

        String string(JsonObject o, String key) throws AdapterFormatException {
            return string(o, key, key);
        }

        String string(JsonObject o, String key, String path) throws AdapterFormatException {
            JsonElement e = required(o, key, path);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw error(path, "must be a string");
            }
            return e.getAsString();
        }

        double number(JsonObject o, String key, String path) throws AdapterFormatException {
            JsonElement e = required(o, key, path);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw error(path, "must be a number");
            }
            return e.getAsDouble();
        }

        int integer(JsonObject o, String key) throws AdapterFormatException {
            return integer(o, key, key);
        }

        int integer(JsonObject o, String key, String path) throws AdapterFormatException {
            double d = number(o, key, path);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw error(path, "must be an integer, got " + d);
            }
            return (int) d;
        }

        boolean bool(JsonObject o, String key, String prefix) throws AdapterFormatException {
            JsonElement e = required(o, key, prefix + key);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw error(prefix + key, "must be true or false");
            }
            return e.getAsBoolean();
        }

        JsonArray array(JsonObject o, String key) throws AdapterFormatException {
            return array(o, key, key);
        }

        JsonArray array(JsonObject o, String key, String path) throws AdapterFormatException {
            JsonElement e = required(o, key, path);
            if (!e.isJsonArray()) {
                throw error(path, "must be an array");
            }
            return e.getAsJsonArray();
        }

        JsonObject object(JsonObject o, String key, String path) throws AdapterFormatException {
            JsonElement e = required(o, key, path);
            if (!e.isJsonObject()) {
                throw error(path, "must be an object");
            }
            return e.getAsJsonObject();
        }
    }
}
