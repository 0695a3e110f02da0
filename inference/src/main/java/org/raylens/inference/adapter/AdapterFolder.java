package org.raylens.inference.adapter;

import org.raylens.inference.weights.SafetensorsException;
import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.SafetensorsWriter;
import org.raylens.inference.weights.TensorInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An adapter folder on disk: {@code adapter.json} + {@code weights.safetensors} (float32, tensor names and shapes
 * from {@link AdapterTensors}). Reading validates the JSON and then every tensor against the shapes the JSON implies
 * (missing, unexpected, misshapen); nothing is trusted before both agree. Checking the encoder is
 * {@link Adapter#load}'s job, because only it knows which encoder is loaded.
 */
public final class AdapterFolder {
    public static final String SPEC_FILE = "adapter.json";
    public static final String WEIGHTS_FILE = "weights.safetensors";

    private AdapterFolder() {
    }

    /** A folder's validated contents: the spec and each tensor's float32 values (C order). */
    public record Contents(AdapterSpec spec, Map<String, float[]> tensors) {
        public Contents {
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    public static void write(Path folder, AdapterSpec spec, Map<String, float[]> tensors) throws IOException {
        Map<String, long[]> expected = AdapterTensors.expected(spec);
        if (!expected.keySet().equals(tensors.keySet())) {
            throw new IllegalArgumentException("tensors " + tensors.keySet() + " do not match " + expected.keySet());
        }
        Files.createDirectories(folder);
        SafetensorsWriter w = new SafetensorsWriter();
        w.metadata("format", AdapterSpec.FORMAT);
        w.metadata("formatVersion", Integer.toString(AdapterSpec.FORMAT_VERSION));
        w.metadata("type", spec.type().jsonName());
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            w.put(e.getKey(), tensors.get(e.getKey()), e.getValue());
        }
        w.write(folder.resolve(WEIGHTS_FILE));
        AdapterJson.write(spec, folder.resolve(SPEC_FILE));
    }

    public static Contents read(Path folder) throws IOException {
        Path json = folder.resolve(SPEC_FILE);
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isDirectory(folder)) {
            throw new AdapterFormatException(folder, null, "not a folder (an adapter is a folder with "
                    + SPEC_FILE + " and " + WEIGHTS_FILE + ")");
        }
        if (!Files.isRegularFile(json)) {
            throw new AdapterFormatException(folder, null, "no " + SPEC_FILE + " in the folder");
        }
        AdapterSpec spec = AdapterJson.read(json);
        if (!Files.isRegularFile(weights)) {
            throw new AdapterFormatException(folder, null, "no " + WEIGHTS_FILE + " in the folder");
        }
        Map<String, long[]> expected = AdapterTensors.expected(spec);
        Map<String, float[]> values = new LinkedHashMap<>();
        try (SafetensorsReader r = SafetensorsReader.open(weights)) {
            List<String> unexpected = new ArrayList<>(r.names());
            unexpected.removeAll(expected.keySet());
            if (!unexpected.isEmpty()) {
                throw new AdapterFormatException(weights, unexpected.get(0), "unexpected tensor(s) " + unexpected
                        + " for a " + spec.type().jsonName() + " adapter");
            }
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                if (!r.names().contains(e.getKey())) {
                    throw new AdapterFormatException(weights, e.getKey(), "missing: a " + spec.type().jsonName()
                            + " adapter needs " + expected.keySet());
                }
                TensorInfo t = r.info(e.getKey());
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new AdapterFormatException(weights, e.getKey(), "shape " + t.shapeString() + ", but "
                            + SPEC_FILE + " implies " + Arrays.toString(e.getValue()) + " (" + spec.outputs()
                            + " labels, encoder hidden size " + spec.encoder().hiddenSize() + ")");
                }
                float[] v;
                try {
                    v = r.readFloats(e.getKey());
                } catch (SafetensorsException ex) {
                    throw new AdapterFormatException(weights, e.getKey(), ex.getMessage(), ex);
                }
                for (float f : v) {
                    if (!Float.isFinite(f)) {
                        throw new AdapterFormatException(weights, e.getKey(), "holds a non-finite value");
                    }
                }
                values.put(e.getKey(), v);
            }
        } catch (SafetensorsException e) {
            throw new AdapterFormatException(weights, null, e.getMessage(), e);
        }
        return new Contents(spec, values);
    }
}
