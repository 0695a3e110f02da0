package org.raylens.inference.training;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state after a finished epoch, saved in {@code <adapter folder>/checkpoint/} so {@code --resume} continues
 * where a cancelled or crashed run stopped: parameters, AdamW moments and step, the best epoch's parameters and the
 * early-stopping counters, and a fingerprint of the settings and data split (a checkpoint of another setup is refused).
 */
record TrainingCheckpoint(String fingerprint, int epochsDone, long adamSteps, int bestEpoch, double bestMetric,
                          double bestLoss, int badEpochs, List<EpochResult> history, Map<String, float[]> params,
                          Map<String, float[]> firstMoments, Map<String, float[]> secondMoments,
                          Map<String, float[]> best) {
    static final String DIR = "checkpoint";
    private static final String STATE = "state.json";
    private static final String TENSORS = "state.safetensors";

    static Path dir(Path adapterFolder) {
        return adapterFolder.resolve(DIR);
    }

    void write(Path adapterFolder, Map<String, long[]> shapes) throws IOException {
        Path d = dir(adapterFolder);
        Files.createDirectories(d);
        SafetensorsWriter w = new SafetensorsWriter();
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            String k = e.getKey();
            w.put("param." + k, params.get(k), e.getValue());
            w.put("m." + k, firstMoments.get(k), e.getValue());
            w.put("v." + k, secondMoments.get(k), e.getValue());
            w.put("best." + k, best.get(k), e.getValue());
        }
        // tensors first, then the JSON that refers to them: a crash in between leaves the previous JSON's epoch,
        // whose tensors were overwritten; so the JSON carries the epoch and the tensors file is checked against it
        w.metadata("epochsDone", Integer.toString(epochsDone));
        w.write(d.resolve(TENSORS));
        JsonObject o = new JsonObject();
        o.addProperty("fingerprint", fingerprint);
        o.addProperty("epochsDone", epochsDone);
        o.addProperty("adamSteps", adamSteps);
        o.addProperty("bestEpoch", bestEpoch);
        o.addProperty("bestMetric", Double.isFinite(bestMetric) ? bestMetric : -1e300);
        o.addProperty("bestLoss", Double.isFinite(bestLoss) ? bestLoss : 1e300);
        o.addProperty("badEpochs", badEpochs);
        JsonArray h = new JsonArray();
        for (EpochResult r : history) {
            JsonObject e = new JsonObject();
            e.addProperty("epoch", r.epoch());
            e.addProperty("epochs", r.epochs());
            e.addProperty("trainLoss", r.trainLoss());
            e.addProperty("validationLoss", r.validationLoss());
            e.addProperty("validationMetric", Double.isFinite(r.validationMetric()) ? r.validationMetric() : -1);
            e.addProperty("metricFinite", Double.isFinite(r.validationMetric()));
            e.addProperty("metricName", r.metricName());
            e.addProperty("best", r.best());
            h.add(e);
        }
        o.add("history", h);
        AtomicFiles.writeString(d.resolve(STATE), new Gson().toJson(o));
    }

    /** The saved state, or empty when there is none; a damaged or foreign checkpoint is an error saying what to do. */
    static java.util.Optional<TrainingCheckpoint> read(Path adapterFolder, String expectedFingerprint,
                                                       Iterable<String> names) throws IOException {
        Path d = dir(adapterFolder);
        if (!Files.isRegularFile(d.resolve(STATE)) || !Files.isRegularFile(d.resolve(TENSORS))) {
            return java.util.Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(d.resolve(STATE))).getAsJsonObject();
            if (!expectedFingerprint.equals(o.get("fingerprint").getAsString())) {
                throw new IOException(d + ": the checkpoint is from a different training setup (settings, labels or"
                        + " data split changed); delete it or run without --resume");
            }
            int epochs = o.get("epochsDone").getAsInt();
            Map<String, float[]> p = new LinkedHashMap<>();
            Map<String, float[]> m = new LinkedHashMap<>();
            Map<String, float[]> v = new LinkedHashMap<>();
            Map<String, float[]> b = new LinkedHashMap<>();
            try (SafetensorsReader r = SafetensorsReader.open(d.resolve(TENSORS))) {
                if (!Integer.toString(epochs).equals(r.metadata().get("epochsDone"))) {
                    throw new IOException(d + ": checkpoint files disagree (interrupted while saving); delete it");
                }
                for (String k : names) {
                    p.put(k, r.readFloats("param." + k));
                    m.put(k, r.readFloats("m." + k));
                    v.put(k, r.readFloats("v." + k));
                    b.put(k, r.readFloats("best." + k));
                }
            }
            List<EpochResult> history = new ArrayList<>();
            for (var el : o.getAsJsonArray("history")) {
                JsonObject e = el.getAsJsonObject();
                history.add(new EpochResult(e.get("epoch").getAsInt(), e.get("epochs").getAsInt(),
                        e.get("trainLoss").getAsDouble(), e.get("validationLoss").getAsDouble(),
                        e.get("metricFinite").getAsBoolean() ? e.get("validationMetric").getAsDouble() : Double.NaN,
                        e.get("metricName").getAsString(), e.get("best").getAsBoolean()));
            }
            return java.util.Optional.of(new TrainingCheckpoint(expectedFingerprint, epochs,
                    o.get("adamSteps").getAsLong(), o.get("bestEpoch").getAsInt(), o.get("bestMetric").getAsDouble(),
                    o.get("bestLoss").getAsDouble(), o.get("badEpochs").getAsInt(), history, p, m, v, b));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IOException(d + ": unreadable checkpoint (" + e.getMessage() + "); delete it", e);
        }
    }

    static void delete(Path adapterFolder) throws IOException {
        Path d = dir(adapterFolder);
        if (Files.isDirectory(d)) {
            try (var s = Files.list(d)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(d);
        }
    }
}
