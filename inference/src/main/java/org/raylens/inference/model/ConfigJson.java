package org.raylens.inference.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One JSON object from a model folder (config.json, preprocessor_config.json) read with types and ranges: every
 * getter refuses a value of the wrong JSON type (a string where a flag belongs, 1.5 where an integer belongs) or
 * outside its range with a {@link ConfigValueException} naming the file and the key. Gson's own getters would turn
 * "yes" into false and 1e10 into a wrapped int without a word.
 */
public final class ConfigJson {
    private final Path file;
    private final JsonObject object;

    private ConfigJson(Path file, JsonObject object) {
        this.file = file;
        this.object = object;
    }

    public static ConfigJson read(Path file) throws ModelLoadException {
        try {
            JsonElement el = JsonParser.parseString(Files.readString(file));
            if (!el.isJsonObject()) {
                throw new ModelLoadException(file, file.getFileName() + " is not a JSON object");
            }
            return new ConfigJson(file, el.getAsJsonObject());
        } catch (IOException | JsonParseException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException(file, "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Present and not JSON null. */
    public boolean has(String key) {
        return object.has(key) && !object.get(key).isJsonNull();
    }

    public JsonElement get(String key) {
        return object.get(key);
    }

    /** A nested object's reader, or an error when {@code key} is present but not an object. */
    public ConfigJson object(String key, String allowed) throws ConfigValueException {
        JsonElement e = object.get(key);
        if (e == null || !e.isJsonObject()) {
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
        return new NestedConfigJson(file, key, e.getAsJsonObject()).asConfigJson();
    }

    /**
     * An array of objects, each as a reader whose keys are reported as {@code key[i].child}; an error when the value
     * is not an array of {@code min..max} objects.
     */
    public java.util.List<ConfigJson> objects(String key, int min, int max) throws ConfigValueException {
        JsonElement e = object.get(key);
        String allowed = "an array of " + min + ".." + max + " objects";
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() < min || e.getAsJsonArray().size() > max) {
            throw ConfigValueException.invalid(file, key, e == null ? "(absent)" : e, allowed);
        }
        java.util.List<ConfigJson> out = new java.util.ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isJsonObject()) {
                throw ConfigValueException.invalid(file, key + "[" + i + "]", a.get(i), "an object");
            }
            out.add(new NestedConfigJson(file, key + "[" + i + "]", a.get(i).getAsJsonObject()).asConfigJson());
        }
        return out;
    }

    public String string(String key, String def) throws ConfigValueException {
        if (!has(key)) {
            return def;
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ConfigValueException.invalid(file, key, e, "a string");
        }
        return e.getAsString();
    }

    public boolean flag(String key, boolean def) throws ConfigValueException {
        if (!has(key)) {
            return def;
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw ConfigValueException.invalid(file, key, e, "true or false");
        }
        return e.getAsBoolean();
    }

    public int integer(String key, int def, int min, int max) throws ConfigValueException {
        return has(key) ? integer(key, min, max) : def;
    }

    /** A required integer (absent is an error). */
    public int integer(String key, int min, int max) throws ConfigValueException {
        JsonElement e = object.get(key);
        String allowed = "an integer in " + min + ".." + max;
        BigDecimal d = number(e, key, allowed);
        try {
            int v = d.intValueExact();
            if (v < min || v > max) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
            return v;
        } catch (ArithmeticException ex) {
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
    }

    public double real(String key, double def, double min, double max) throws ConfigValueException {
        if (!has(key)) {
            return def;
        }
        return real(object.get(key), key, min, max);
    }

    /** Three values (an array of 3, or one number meaning all three), each finite and in [min, max]. */
    public float[] triple(String key, float[] def, double min, double max) throws ConfigValueException {
        if (!has(key)) {
            return def.clone();
        }
        JsonElement e = object.get(key);
        float[] out = new float[3];
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 3) {
                throw ConfigValueException.invalid(file, key, e, "3 numbers (one per RGB channel), each in "
                        + range(min, max));
            }
            for (int i = 0; i < 3; i++) {
                out[i] = (float) real(a.get(i), key + "[" + i + "]", min, max);
            }
        } else {
            Arrays.fill(out, (float) real(e, key, min, max));
        }
        return out;
    }

    private double real(JsonElement e, String key, double min, double max) throws ConfigValueException {
        String allowed = "a finite number in " + range(min, max);
        double v = number(e, key, allowed).doubleValue();
        // float32 is what the pipeline computes in: a value that is finite as a double but not as a float is refused
        if (!Double.isFinite(v) || !Float.isFinite((float) v) || v < min || v > max) {
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
        return v;
    }

    private BigDecimal number(JsonElement e, String key, String allowed) throws ConfigValueException {
        if (e == null || e.isJsonNull()) {
            throw ConfigValueException.invalid(file, key, "(absent)", allowed);
        }
        if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
        try {
            return e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            // Gson accepts NaN and Infinity literals in lenient mode; they are not numbers a config may hold
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
    }

    private static String range(double min, double max) {
        return "[" + fmt(min) + ", " + fmt(max) + "]";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }

    /** A nested object keeps the parent's file so errors still name it; keys are reported as parent.child. */
    private record NestedConfigJson(Path file, String parent, JsonObject object) {
        ConfigJson asConfigJson() {
            JsonObject prefixed = new JsonObject();
            for (var entry : object.entrySet()) {
                prefixed.add(parent + "." + entry.getKey(), entry.getValue());
            }
            return new ConfigJson(file, prefixed);
        }
    }
}
