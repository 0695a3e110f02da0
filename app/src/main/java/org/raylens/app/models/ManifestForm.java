package org.raylens.app.models;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.ModelOutput;

/**
 * What the "Describe this model" form edits, without controls: the few facts a {@code model.json}
 * (docs/model-format.md) needs for a folder that holds a TorchScript or ONNX file but no manifest, with defaults
 * (the detected model files, the folder's name, a one-channel 224 × 224 input in 0..1, one logits output) and the
 * manifest JSON it stands for. Normalisation is given either as mean/std per channel or as the value range the model
 * expects (TorchXRayVision's [−1024, 1024] is mean 0.5, std 1/2048), since both are how model cards state it.
 *
 * <p>{@link #write} writes the manifest atomically and then loads the folder through the encoder seam
 * ({@link Encoders}), so the imported family checks it with its own manifest parser and against the model file itself;
 * a manifest it refuses is removed again (the folder had none before) and its typed error, naming the key, is thrown.
 * The form reaches the families only through that seam, as every caller outside them does.
 */
public final class ManifestForm {
    /** The manifest's file name and format (docs/model-format.md). */
    public static final String FILE_NAME = "model.json";
    public static final String FORMAT = "model-import/1";
    /** The imported families, by the names they register under. */
    private static final String TORCHSCRIPT = "torchscript";
    private static final String ONNX = "onnx";

    /** How normalisation is given. */
    public enum Normalisation { MEAN_STD, VALUE_RANGE }

    /** One output of the graph. Text fields hold what the user typed; {@link #json} parses them. */
    public static final class Output {
        public String name = "logits";
        public int index;
        public ModelOutput.Kind kind = ModelOutput.Kind.LOGITS;
        /** One image's shape, batch first (= 1), as "1, 18". */
        public String shape = "1, 2";
        /** Logits or mask channel names, separated by commas or new lines; empty for "class i". */
        public String labels = "";
        public ModelOutput.Activation activation = ModelOutput.Activation.SIGMOID;
        /** Patch tokens: tokens before the grid (CLS, registers). */
        public int prefixTokens = 1;
        /** Patch tokens: the grid as "rows, cols". */
        public String grid = "";
    }

    private final Path folder;
    public String name;
    public String description = "";
    /** File names in the folder; null when there is none of that kind. */
    public String torchscriptFile;
    public String onnxFile;
    public String inputName = "input";
    public int channels = 1;
    public int height = 224;
    public int width = 224;
    /** The one resize RayLens applies to every imported model; written into the manifest for the reader. */
    public static final String RESIZE = "short edge to the input size, then centre crop";
    public Normalisation normalisation = Normalisation.VALUE_RANGE;
    /** Mean and std per channel ("0.485, 0.456, 0.406"), pixel values scaled to 0..1 first. */
    public String mean = "0.5";
    public String std = "0.5";
    /** The value range the model expects for black..white ("-1024, 1024"). */
    public String valueRange = "0, 1";
    public final List<Output> outputs = new ArrayList<>();

    private ManifestForm(Path folder) {
        this.folder = folder;
        Path n = folder.toAbsolutePath().getFileName();
        this.name = n == null ? "model" : n.toString();
    }

    /**
     * A form for {@code folder} with its TorchScript and ONNX files found (by their bytes, as the families tell them
     * apart) and one logits output.
     */
    public static ManifestForm detect(Path folder) throws IOException {
        ManifestForm f = new ManifestForm(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                // each family tells its own files apart by their bytes (a TorchScript zip, not a torch.save pickle)
                if (f.torchscriptFile == null && loads(TORCHSCRIPT, p)) {
                    f.torchscriptFile = p.getFileName().toString();
                } else if (f.onnxFile == null && loads(ONNX, p)) {
                    f.onnxFile = p.getFileName().toString();
                }
            }
        }
        f.outputs.add(new Output());
        return f;
    }

    /** True when the family named {@code family} says it could load {@code file} (given a manifest). */
    private static boolean loads(String family, Path file) {
        return Encoders.family(family).map(f -> f.supports(file).supported()).orElse(false);
    }

    /**
     * True when {@code folder} is one the form is for: a folder with a TorchScript or ONNX file and no manifest.
     */
    public static boolean needsManifest(Path folder) {
        if (!Files.isDirectory(folder) || Files.exists(folder.resolve(FILE_NAME))) {
            return false;
        }
        try {
            ManifestForm f = detect(folder);
            return f.torchscriptFile != null || f.onnxFile != null;
        } catch (IOException e) {
            return false; // an unreadable folder is not one to describe; the import's own error says why
        }
    }

    public Path folder() {
        return folder;
    }

    /** Where {@link #write} puts the manifest. */
    public Path manifestFile() {
        return folder.resolve(FILE_NAME);
    }

    /** The per-channel mean and std that the normalisation stands for. */
    public double[][] meanStd() {
        if (normalisation == Normalisation.VALUE_RANGE) {
            double[] r = numbers("value range", valueRange, 2);
            if (!(r[1] > r[0])) {
                throw new IllegalArgumentException("value range: the white value (" + r[1] + ") must be above the"
                        + " black value (" + r[0] + ")");
            }
            // x = lo + p·(hi − lo) = (p − mean) / std with mean = −lo / (hi − lo), std = 1 / (hi − lo)
            double m = -r[0] / (r[1] - r[0]);
            double s = 1 / (r[1] - r[0]);
            double[] mm = new double[channels];
            double[] ss = new double[channels];
            java.util.Arrays.fill(mm, m);
            java.util.Arrays.fill(ss, s);
            return new double[][] {mm, ss};
        }
        return new double[][] {numbers("mean", mean, channels), numbers("std", std, channels)};
    }

    /**
     * The manifest as JSON text.
     *
     * @throws IllegalArgumentException naming the field when a text field does not parse
     */
    public String json() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("name", name.isBlank() ? "model" : name.trim());
        o.addProperty("description", description.trim());
        JsonObject files = new JsonObject();
        if (torchscriptFile != null) {
            files.addProperty("torchscript", torchscriptFile);
        }
        if (onnxFile != null) {
            files.addProperty("onnx", onnxFile);
        }
        o.add("files", files);
        JsonObject in = new JsonObject();
        in.addProperty("name", inputName.isBlank() ? "input" : inputName.trim());
        in.addProperty("dtype", "float32");
        in.addProperty("layout", "NCHW");
        in.addProperty("channels", channels);
        in.addProperty("height", height);
        in.addProperty("width", width);
        o.add("input", in);
        JsonObject pre = new JsonObject();
        double[][] ms = meanStd();
        pre.add("mean", array(ms[0]));
        pre.add("std", array(ms[1]));
        JsonObject resize = new JsonObject();
        JsonArray size = new JsonArray();
        size.add(height);
        size.add(width);
        resize.add("size", size);
        resize.addProperty("method", RESIZE);
        pre.add("resize", resize);
        pre.addProperty("pixel_scale", "p = pixel / 255 (0..1)");
        if (normalisation == Normalisation.VALUE_RANGE) {
            pre.addProperty("note", "from the value range [" + valueRange.trim() + "]: x = (p - mean) / std");
        }
        o.add("preprocess", pre);
        JsonArray outs = new JsonArray();
        for (int i = 0; i < outputs.size(); i++) {
            outs.add(output("output " + (i + 1), outputs.get(i)));
        }
        o.add("outputs", outs);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    private static JsonObject output(String where, Output out) {
        JsonObject o = new JsonObject();
        o.addProperty("name", out.name.trim());
        o.addProperty("index", out.index);
        o.addProperty("kind", out.kind.key());
        o.add("shape", array(numbers(where + " shape", out.shape, -1)));
        List<String> labels = labels(out.labels);
        if (!labels.isEmpty() && (out.kind == ModelOutput.Kind.LOGITS || out.kind == ModelOutput.Kind.MASK)) {
            JsonArray a = new JsonArray();
            labels.forEach(a::add);
            o.add("labels", a);
        }
        if (out.kind == ModelOutput.Kind.LOGITS) {
            o.addProperty("activation", out.activation.key());
        }
        if (out.kind == ModelOutput.Kind.PATCH_TOKENS) {
            o.addProperty("layout", "NTC");
            o.addProperty("prefix_tokens", out.prefixTokens);
            o.add("grid", array(numbers(where + " grid", out.grid, 2)));
        }
        return o;
    }

    /**
     * Writes {@code model.json} atomically, then loads the folder through the encoder seam: the imported family reads
     * the manifest with its own parser and checks it against the model file. A manifest it refuses is removed (the
     * folder had none) and the family's typed error is thrown. An existing manifest is never replaced.
     *
     * @return the manifest written
     * @throws IOException the family's error (a {@link org.raylens.inference.model.ConfigValueException} naming the
     *                     key for a bad value), or when the folder already has a manifest or cannot be written
     * @throws IllegalArgumentException naming the field when a text field does not parse (nothing is written)
     */
    public Path write() throws IOException {
        String text = json();
        if (torchscriptFile == null && onnxFile == null) {
            throw new IOException("the folder " + folder + " holds no TorchScript (.pt) or ONNX (.onnx) model file");
        }
        Path file = manifestFile();
        if (Files.exists(file)) {
            throw new IOException(file + " exists already; RayLens does not replace it");
        }
        AtomicFiles.writeString(file, text);
        try (Encoder checked = Encoders.builder().folder(folder).build()) {
            return file;
        } catch (IOException | RuntimeException e) {
            // ours, written a moment ago into a folder that had none: taking it back loses nothing of the user's
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Names separated by commas or new lines, trimmed, empty ones dropped. */
    static List<String> labels(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("[,\\n]")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** Numbers separated by commas or spaces; {@code count} of them, or any number when negative. */
    static double[] numbers(String field, String text, int count) {
        String[] parts = text.trim().isEmpty() ? new String[0] : text.trim().split("[,\\s]+");
        if (count >= 0 && parts.length != count) {
            throw new IllegalArgumentException(field + ": give " + count + " number" + (count == 1 ? "" : "s")
                    + (count > 1 ? " separated by commas" : "") + ", got \"" + text.trim() + "\"");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": \"" + parts[i] + "\" is not a number", e);
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException(field + ": \"" + parts[i] + "\" is not a finite number");
            }
        }
        return out;
    }

    /** Whole numbers are written without a fraction (shapes, grids), others as they are. */
    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                a.add((long) v);
            } else {
                a.add(v);
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "manifest form for %s", folder);
    }
}
