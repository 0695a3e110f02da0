package org.raylens.inference.family.imported;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code model.json} as untrusted input: every value is type- and range-checked, and a value that is wrong is a
 * {@link ConfigValueException} naming the file, the key (e.g. {@code outputs[1].grid}) and what is allowed. The limits
 * keep a hostile manifest from asking for absurd allocations: sizes up to {@value #MAX_SIZE} pixels, at most
 * {@value #MAX_OUTPUTS} outputs of at most {@value #MAX_OUTPUT_VALUES} values per image each.
 */
public final class ManifestReader {
    /** Largest manifest read (a manifest is a few KB; a label list of thousands still fits). */
    public static final long MAX_MANIFEST_BYTES = 1L << 20;
    public static final int MAX_SIZE = 4096;
    public static final int MAX_CHANNELS = 4;
    public static final int MAX_OUTPUTS = 16;
    /** Values of one output for one image: 2^28 floats = 1 GiB. */
    public static final long MAX_OUTPUT_VALUES = 1L << 28;
    public static final int MAX_PREFIX_TOKENS = 64;
    /** Output names become file names in {@code raylens forward}: no separators, no "..". */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.]{0,255}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private ManifestReader() {
    }

    /** What a manifest must hold, in one paragraph: the error a folder without one gets. */
    public static String whatIsNeeded() {
        return "an imported model folder needs " + ImportManifest.FILE_NAME + " (format \"" + ImportManifest.FORMAT
                + "\") beside the model file, giving: files {torchscript: \"model.pt\" and/or onnx: \"model.onnx\"},"
                + " input {name, channels, height, width}, preprocess {mean, std: one per channel},"
                + " and outputs [{name, index, kind: logits|embedding|patch-tokens|feature-map|mask, shape,"
                + " + labels/activation for logits, prefix_tokens/grid for patch tokens}]; see docs/model-format.md";
    }

    public static ImportManifest read(Path file) throws ModelLoadException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read " + ImportManifest.FILE_NAME + ": " + e.getMessage(), e);
        }
        if (size > MAX_MANIFEST_BYTES) {
            throw new ModelLoadException(file, ImportManifest.FILE_NAME + " is " + size + " bytes; a manifest may be at"
                    + " most " + MAX_MANIFEST_BYTES + " bytes");
        }
        ConfigJson o = ConfigJson.read(file);
        String format = o.string("format", null);
        if (!ImportManifest.FORMAT.equals(format)) {
            throw ConfigValueException.invalid(file, "format", format == null ? "(absent)" : format,
                    "\"" + ImportManifest.FORMAT + "\"");
        }
        String folderName = file.toAbsolutePath().getParent().getFileName() == null ? "model"
                : file.toAbsolutePath().getParent().getFileName().toString();
        String name = o.string("name", folderName);
        String description = o.string("description", "");

        ConfigJson files = o.object("files", "an object naming the model file(s): {\"torchscript\": \"model.pt\"}"
                + " and/or {\"onnx\": \"model.onnx\"}");
        Map<ImportEngine, String> byEngine = new EnumMap<>(ImportEngine.class);
        for (ImportEngine e : ImportEngine.values()) {
            String f = files.string("files." + e.key(), null);
            if (f != null) {
                byEngine.put(e, fileName(file, "files." + e.key(), f));
            }
        }
        if (byEngine.isEmpty()) {
            throw ConfigValueException.missing(file, "files.torchscript",
                    "name the model file as files.torchscript (a TorchScript .pt) and/or files.onnx (an .onnx graph)");
        }
        ImportEngine prefer = byEngine.containsKey(ImportEngine.TORCHSCRIPT) ? ImportEngine.TORCHSCRIPT
                : ImportEngine.ONNX;
        String preferred = files.string("files.prefer", null);
        if (preferred != null) {
            ImportEngine p = engine(preferred);
            if (p == null || !byEngine.containsKey(p)) {
                throw ConfigValueException.invalid(file, "files.prefer", preferred,
                        "one of the engines the manifest names a file for: " + byEngine.keySet().stream()
                                .map(ImportEngine::key).toList());
            }
            prefer = p;
        }
        Map<String, String> sha = new LinkedHashMap<>();
        if (files.has("files.sha256")) {
            ConfigJson s = files.object("files.sha256", "an object of file name -> SHA-256 hex");
            for (String f : byEngine.values()) {
                String key = "files.sha256." + f;
                String v = s.string(key, null);
                if (v != null) {
                    if (!SHA256.matcher(v).matches()) {
                        throw ConfigValueException.invalid(file, key, v, "64 hexadecimal digits");
                    }
                    sha.put(f, v.toLowerCase(Locale.ROOT));
                }
            }
        }

        ConfigJson in = o.object("input", "an object {name, channels, height, width}");
        String inputName = in.string("input.name", "input");
        String dtype = in.string("input.dtype", "float32");
        if (!dtype.equals("float32")) {
            throw ConfigValueException.invalid(file, "input.dtype", dtype, "\"float32\"");
        }
        String layout = in.string("input.layout", "NCHW");
        if (!layout.equals("NCHW")) {
            throw ConfigValueException.invalid(file, "input.layout", layout, "\"NCHW\"");
        }
        int channels = in.integer("input.channels", 1, MAX_CHANNELS);
        int height = in.integer("input.height", 1, MAX_SIZE);
        int width = in.integer("input.width", 1, MAX_SIZE);
        boolean dynamicBatch = in.flag("input.dynamic_batch", false);
        in.flag("input.dynamic_size", false);
        if (in.has("input.shape")) {
            long[] shape = longs(file, "input.shape", in.get("input.shape"), 4, 4, MAX_SIZE);
            if (shape[1] != channels || shape[2] != height || shape[3] != width) {
                throw ConfigValueException.invalid(file, "input.shape", in.get("input.shape"),
                        "[N, " + channels + ", " + height + ", " + width + "] to agree with input.channels, height and"
                                + " width");
            }
        }

        ConfigJson pre = o.object("preprocess", "an object {mean: [...], std: [...]} with one value per channel");
        float[] mean = floats(file, "preprocess.mean", pre.get("preprocess.mean"), channels, -1e4, 1e4);
        float[] std = floats(file, "preprocess.std", pre.get("preprocess.std"), channels, 1e-6, 1e4);

        List<ConfigJson> outs = o.objects("outputs", 1, MAX_OUTPUTS);
        List<OutputSpec> outputs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> indices = new HashSet<>();
        for (int i = 0; i < outs.size(); i++) {
            OutputSpec spec = output(file, "outputs[" + i + "].", outs.get(i), height);
            if (!names.add(spec.name())) {
                throw ConfigValueException.invalid(file, "outputs[" + i + "].name", spec.name(), "a name no other"
                        + " output has");
            }
            if (!indices.add(spec.index())) {
                throw ConfigValueException.invalid(file, "outputs[" + i + "].index", spec.index(), "an index no other"
                        + " output has");
            }
            outputs.add(spec);
        }
        for (ModelOutput.Kind k : List.of(ModelOutput.Kind.EMBEDDING, ModelOutput.Kind.PATCH_TOKENS,
                ModelOutput.Kind.FEATURE_MAP)) {
            if (outputs.stream().filter(s -> s.kind() == k).count() > 1) {
                throw ConfigValueException.invalid(file, "outputs", "several " + k.key() + " outputs",
                        "at most one " + k.key() + " output");
            }
        }
        if (outputs.stream().anyMatch(s -> s.kind() == ModelOutput.Kind.PATCH_TOKENS)
                && outputs.stream().anyMatch(s -> s.kind() == ModelOutput.Kind.FEATURE_MAP)) {
            throw ConfigValueException.invalid(file, "outputs", "patch-tokens and feature-map",
                    "one spatial output (patch-tokens or feature-map)");
        }
        java.util.Optional<ImportManifest.LinearHead> head = o.has("head")
                ? java.util.Optional.of(head(file, o.object("head", "an object {weight, bias, logits}: the graph's own"
                + " linear classifier on its pooled feature map"), outputs)) : java.util.Optional.empty();
        return new ImportManifest(file, name, description, byEngine, prefer, sha, inputName, channels, height, width,
                dynamicBatch, mean, std, outputs, o.flag(org.raylens.inference.model.SyntheticMarking.CONFIG_FIELD, false),
                head);
    }

    /**
     * {@code "head": {"weight": "fc.weight", "bias": "fc.bias", "logits": "logits"}}: parameter names of the module
     * and the logits output they reproduce from the global average of the spatial output. Only meaningful with a
     * feature map (or patch tokens without prefix tokens), whose mean is the class token a head on the pooled feature
     * reads.
     */
    private static ImportManifest.LinearHead head(Path file, ConfigJson h, List<OutputSpec> outputs)
            throws ConfigValueException {
        String kind = h.string("head.kind", "linear");
        if (!kind.equals("linear")) {
            throw ConfigValueException.invalid(file, "head.kind", kind, "\"linear\" (a linear layer on the global"
                    + " average of the feature map)");
        }
        String weight = h.string("head.weight", null);
        if (weight == null) {
            throw ConfigValueException.missing(file, "head.weight", "name the classifier's weight parameter in the"
                    + " TorchScript module, e.g. \"fc.weight\" (dict(model.named_parameters()) lists them)");
        }
        weight = parameterName(file, "head.weight", weight);
        String bias = h.string("head.bias", null);
        bias = bias == null ? null : parameterName(file, "head.bias", bias);
        List<String> logitOutputs = outputs.stream().filter(s -> s.kind() == ModelOutput.Kind.LOGITS)
                .map(OutputSpec::name).toList();
        String logits = h.string("head.logits", logitOutputs.isEmpty() ? null : logitOutputs.get(0));
        if (logits == null || !logitOutputs.contains(logits)) {
            throw ConfigValueException.invalid(file, "head.logits", logits == null ? "(absent)" : logits,
                    "the name of a logits output (the head's results are checked against it); this manifest has "
                            + logitOutputs);
        }
        boolean pooledGrid = outputs.stream().anyMatch(s -> s.kind() == ModelOutput.Kind.FEATURE_MAP
                || s.kind() == ModelOutput.Kind.PATCH_TOKENS && s.prefixTokens() == 0);
        if (!pooledGrid) {
            throw ConfigValueException.invalid(file, "head", "a head without a feature-map output",
                    "a manifest with a feature-map output (or patch tokens without prefix tokens): the head reads"
                            + " its global average");
        }
        return new ImportManifest.LinearHead(weight, bias, logits);
    }

    private static String parameterName(Path file, String key, String value) throws ConfigValueException {
        if (!PARAMETER_NAME.matcher(value).matches()) {
            throw ConfigValueException.invalid(file, key, value, "a module parameter name: letters, digits, '_' and"
                    + " '.', at most 256");
        }
        return value;
    }

    static ImportEngine engine(String key) {
        for (ImportEngine e : ImportEngine.values()) {
            if (e.key().equalsIgnoreCase(key)) {
                return e;
            }
        }
        return null;
    }

    private static OutputSpec output(Path file, String p, ConfigJson o, int height)
            throws ConfigValueException {
        String name = o.string(p + "name", null);
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw ConfigValueException.invalid(file, p + "name", name == null ? "(absent)" : name,
                    "1..64 letters, digits, '_', '-' or '.' (it names a file), not starting with '.' or '-'");
        }
        int index = o.integer(p + "index", 0, MAX_OUTPUTS - 1);
        String kindText = o.string(p + "kind", null);
        ModelOutput.Kind kind = null;
        for (ModelOutput.Kind k : ModelOutput.Kind.values()) {
            if (k.key().equals(kindText)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw ConfigValueException.invalid(file, p + "kind", kindText == null ? "(absent)" : kindText,
                    "one of logits, embedding, patch-tokens, feature-map, mask");
        }
        int rank = switch (kind) {
            case LOGITS, EMBEDDING -> 2;
            case PATCH_TOKENS -> 3;
            case FEATURE_MAP, MASK -> 4;
        };
        long[] shape = longs(file, p + "shape", o.get(p + "shape"), rank, rank, MAX_OUTPUT_VALUES);
        if (shape[0] != 1) {
            throw ConfigValueException.invalid(file, p + "shape", o.get(p + "shape"), "a shape whose first (batch)"
                    + " dimension is 1: the shape of one image's output");
        }
        long values = 1;
        for (long s : shape) {
            // each dimension is at most MAX_OUTPUT_VALUES, so this product cannot overflow before it is refused
            values = values > MAX_OUTPUT_VALUES ? values : values * s;
        }
        if (values > MAX_OUTPUT_VALUES) {
            throw ConfigValueException.invalid(file, p + "shape", o.get(p + "shape"), "at most " + MAX_OUTPUT_VALUES
                    + " values per image");
        }
        List<String> labels = o.has(p + "labels") ? strings(file, p + "labels", o.get(p + "labels")) : List.of();
        ModelOutput.Activation activation = ModelOutput.Activation.NONE;
        int prefix = 0;
        int rows = 0;
        int cols = 0;
        int patch = 0;
        switch (kind) {
            case LOGITS -> {
                if (!labels.isEmpty() && labels.size() != shape[1]) {
                    throw ConfigValueException.invalid(file, p + "labels", labels.size() + " labels",
                            shape[1] + " labels, one per logit (shape " + java.util.Arrays.toString(shape) + ")");
                }
                String a = o.string(p + "activation", "none");
                activation = switch (a) {
                    case "sigmoid" -> ModelOutput.Activation.SIGMOID;
                    case "softmax" -> ModelOutput.Activation.SOFTMAX;
                    case "none" -> ModelOutput.Activation.NONE;
                    default -> throw ConfigValueException.invalid(file, p + "activation", a,
                            "one of sigmoid, softmax, none");
                };
                o.flag(p + "multi_label", activation == ModelOutput.Activation.SIGMOID);
            }
            case PATCH_TOKENS -> {
                String layout = o.string(p + "layout", "NTC");
                if (!layout.equals("NTC")) {
                    throw ConfigValueException.invalid(file, p + "layout", layout, "\"NTC\" (batch, tokens, channels)");
                }
                prefix = o.integer(p + "prefix_tokens", 0, MAX_PREFIX_TOKENS);
                if (prefix > 0 && o.integer(p + "cls_index", 0, 0, MAX_PREFIX_TOKENS) != 0) {
                    throw ConfigValueException.invalid(file, p + "cls_index", o.get(p + "cls_index"),
                            "0: the class token comes first");
                }
                long[] grid = longs(file, p + "grid", o.get(p + "grid"), 2, 2, MAX_SIZE);
                rows = (int) grid[0];
                cols = (int) grid[1];
                if (prefix + (long) rows * cols != shape[1]) {
                    throw ConfigValueException.invalid(file, p + "grid", o.get(p + "grid"), "a grid whose rows x cols"
                            + " + prefix_tokens (" + prefix + ") = the " + shape[1] + " tokens of the shape");
                }
                patch = o.integer(p + "patch_size", Math.max(1, height / rows), 1, MAX_SIZE);
            }
            case FEATURE_MAP -> {
                rows = (int) shape[2];
                cols = (int) shape[3];
                patch = Math.max(1, height / rows);
            }
            case MASK -> {
                if (!labels.isEmpty() && labels.size() != shape[1]) {
                    throw ConfigValueException.invalid(file, p + "labels", labels.size() + " labels",
                            shape[1] + " labels, one per mask channel");
                }
            }
            case EMBEDDING -> {
                // a (1, D) feature: nothing more to read
            }
        }
        return new OutputSpec(new ModelOutput(name, kind, shape, labels, activation), index, prefix, rows, cols, patch);
    }

    private static String fileName(Path file, String key, String value) throws ConfigValueException {
        if (value.isEmpty() || value.contains("/") || value.contains("\\") || value.equals("..")
                || value.equals(".") || value.length() > 255) {
            throw ConfigValueException.invalid(file, key, value, "a file name inside the model folder (no folders)");
        }
        return value;
    }

    private static long[] longs(Path file, String key, JsonElement e, int minLen, int maxLen, long max)
            throws ConfigValueException {
        String allowed = "an array of " + (minLen == maxLen ? minLen : minLen + ".." + maxLen)
                + " integers in 1.." + max;
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() < minLen || e.getAsJsonArray().size() > maxLen) {
            throw ConfigValueException.invalid(file, key, e == null ? "(absent)" : e, allowed);
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = a.get(i);
            try {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw ConfigValueException.invalid(file, key, e, allowed);
                }
                out[i] = v.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException x) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
            if (out[i] < 1 || out[i] > max) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
        }
        return out;
    }

    private static float[] floats(Path file, String key, JsonElement e, int n, double min, double max)
            throws ConfigValueException {
        String allowed = n + " finite number(s) in [" + min + ", " + max + "], one per input channel";
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() != n) {
            throw ConfigValueException.invalid(file, key, e == null ? "(absent)" : e, allowed);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            JsonElement v = e.getAsJsonArray().get(i);
            double d;
            try {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw ConfigValueException.invalid(file, key, e, allowed);
                }
                d = v.getAsBigDecimal().doubleValue();
            } catch (NumberFormatException x) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
            if (!Double.isFinite(d) || d < min || d > max) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
            out[i] = (float) d;
        }
        return out;
    }

    private static List<String> strings(Path file, String key, JsonElement e) throws ConfigValueException {
        String allowed = "an array of at most 100000 strings";
        if (!e.isJsonArray() || e.getAsJsonArray().size() > 100_000) {
            throw ConfigValueException.invalid(file, key, e, allowed);
        }
        List<String> out = new ArrayList<>();
        for (JsonElement v : e.getAsJsonArray()) {
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw ConfigValueException.invalid(file, key, e, allowed);
            }
            out.add(v.getAsString());
        }
        return out;
    }
}
