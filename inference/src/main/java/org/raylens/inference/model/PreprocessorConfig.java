package org.raylens.inference.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * HF BitImageProcessor settings from preprocessor_config.json. Absent keys take BitImageProcessor's own defaults;
 * present keys are used as written. {@code resample} is PIL's filter code (3 = BICUBIC, the only one implemented).
 */
public record PreprocessorConfig(boolean doConvertRgb, boolean doResize, int shortestEdge, int resample,
                                 boolean doCenterCrop, int cropHeight, int cropWidth, boolean doRescale,
                                 double rescaleFactor, boolean doNormalize, float[] imageMean, float[] imageStd) {

    public static final int PIL_BICUBIC = 3;

    public PreprocessorConfig {
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
        if (imageMean.length != 3 || imageStd.length != 3) {
            throw new IllegalArgumentException("image_mean and image_std need 3 values");
        }
        if (doResize && shortestEdge <= 0 || doCenterCrop && (cropHeight <= 0 || cropWidth <= 0)) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    @Override
    public float[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public float[] imageStd() {
        return imageStd.clone();
    }

    /** microsoft/rad-dino's preprocessor_config.json. */
    public static PreprocessorConfig radDino() {
        float[] mean = {0.5307f, 0.5307f, 0.5307f};
        float[] std = {0.2583f, 0.2583f, 0.2583f};
        return new PreprocessorConfig(true, true, 518, PIL_BICUBIC, true, 518, 518, true, 1.0 / 255, true, mean, std);
    }

    public static PreprocessorConfig fromJson(Path file) throws ModelLoadException {
        try {
            JsonElement el = JsonParser.parseString(Files.readString(file));
            if (!el.isJsonObject()) {
                throw new ModelLoadException(file, "preprocessor_config.json is not a JSON object");
            }
            JsonObject o = el.getAsJsonObject();
            String type = o.has("image_processor_type") ? o.get("image_processor_type").getAsString() : "BitImageProcessor";
            if (!type.startsWith("BitImageProcessor")) {
                throw new ModelLoadException(file, "image_processor_type " + type + " is not supported (BitImageProcessor is)");
            }
            int shortest = 224;
            if (o.has("size")) {
                JsonElement s = o.get("size");
                if (s.isJsonObject() && s.getAsJsonObject().has("shortest_edge")) {
                    shortest = s.getAsJsonObject().get("shortest_edge").getAsInt();
                } else if (s.isJsonPrimitive()) {
                    shortest = s.getAsInt();
                } else {
                    throw new ModelLoadException(file, "size must give shortest_edge (height/width resizing is not supported)");
                }
            }
            int ch = 224;
            int cw = 224;
            if (o.has("crop_size")) {
                JsonElement c = o.get("crop_size");
                if (c.isJsonObject()) {
                    ch = c.getAsJsonObject().get("height").getAsInt();
                    cw = c.getAsJsonObject().get("width").getAsInt();
                } else {
                    ch = cw = c.getAsInt();
                }
            }
            int resample = o.has("resample") ? o.get("resample").getAsInt() : PIL_BICUBIC;
            if (resample != PIL_BICUBIC) {
                throw new ModelLoadException(file, "resample " + resample + " is not supported (3 = BICUBIC is)");
            }
            float[] clipMean = {0.48145466f, 0.4578275f, 0.40821073f};
            float[] clipStd = {0.26862954f, 0.26130258f, 0.27577711f};
            return new PreprocessorConfig(bool(o, "do_convert_rgb", true), bool(o, "do_resize", true), shortest, resample,
                    bool(o, "do_center_crop", true), ch, cw, bool(o, "do_rescale", true),
                    o.has("rescale_factor") ? o.get("rescale_factor").getAsDouble() : 1.0 / 255,
                    bool(o, "do_normalize", true), triple(o, "image_mean", clipMean), triple(o, "image_std", clipStd));
        } catch (IOException | JsonParseException | IllegalStateException | IllegalArgumentException
                 | NullPointerException | UnsupportedOperationException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException(file, "cannot read preprocessor_config.json: " + e.getMessage(), e);
        }
    }

    private static boolean bool(JsonObject o, String k, boolean def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsBoolean() : def;
    }

    private static float[] triple(JsonObject o, String k, float[] def) {
        if (!o.has(k)) {
            return def;
        }
        JsonElement e = o.get(k);
        float[] out = new float[3];
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 3) {
                throw new IllegalArgumentException(k + " needs 3 values");
            }
            for (int i = 0; i < 3; i++) {
                out[i] = a.get(i).getAsFloat();
            }
        } else {
            Arrays.fill(out, e.getAsFloat());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreprocessorConfig p && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "BitImageProcessor(convert_rgb=" + doConvertRgb + ", resize=" + doResize + " shortest_edge=" + shortestEdge
                + " resample=" + resample + ", center_crop=" + doCenterCrop + " " + cropHeight + "x" + cropWidth
                + ", rescale=" + doRescale + " " + rescaleFactor + ", normalize=" + doNormalize + " mean="
                + Arrays.toString(imageMean) + " std=" + Arrays.toString(imageStd) + ")";
    }
}
