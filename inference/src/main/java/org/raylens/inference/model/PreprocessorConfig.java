package org.raylens.inference.model;

import com.google.gson.JsonElement;

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
    /** Largest resize or crop edge accepted (a 4096² float input is already 200 MB). */
    public static final int MAX_SIZE = 4096;
    /** Smallest std accepted: (x − mean)/std must stay finite in float32 for any 8-bit x. */
    public static final double MIN_STD = 1e-6;
    public static final double MAX_STD = 1e4;
    public static final double MAX_MEAN = 1e4;
    public static final double MIN_RESCALE = 1e-9;

    public PreprocessorConfig {
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
        if (imageMean.length != 3 || imageStd.length != 3) {
            throw new IllegalArgumentException("image_mean and image_std need 3 values");
        }
        if (doResize && !inSize(shortestEdge) || doCenterCrop && (!inSize(cropHeight) || !inSize(cropWidth))) {
            throw new IllegalArgumentException("sizes must be in 1.." + MAX_SIZE);
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(imageMean[c]) || !(imageStd[c] >= MIN_STD) || !Float.isFinite(imageStd[c])) {
                throw new IllegalArgumentException("image_mean must be finite and image_std finite and >= " + MIN_STD);
            }
        }
        if (!(rescaleFactor > 0) || !Double.isFinite(rescaleFactor)) {
            throw new IllegalArgumentException("rescale_factor must be finite and positive");
        }
    }

    private static boolean inSize(int v) {
        return v >= 1 && v <= MAX_SIZE;
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

    /**
     * Reads preprocessor_config.json, validating every value: sizes are integers in 1..{@value #MAX_SIZE}, the crop
     * fits inside the resized image, flags are JSON booleans, rescale_factor is in [{@value #MIN_RESCALE}, 1], means
     * are finite and stds finite and at least {@value #MIN_STD}. A value outside its range is a
     * {@link ConfigValueException} naming the key: a size of 100 000 would otherwise exhaust memory, and a std of 0
     * turn every embedding into NaN. Absent keys take BitImageProcessor's documented defaults.
     */
    public static PreprocessorConfig fromJson(Path file) throws ModelLoadException {
        ConfigJson o = ConfigJson.read(file);
        String type = o.string("image_processor_type", "BitImageProcessor");
        if (!type.startsWith("BitImageProcessor")) {
            throw ConfigValueException.invalid(file, "image_processor_type", type, "BitImageProcessor");
        }
        String sizeForm = "{\"shortest_edge\": N} or N, N in 1.." + MAX_SIZE + " (height/width resizing is not supported)";
        int shortest = 224;
        if (o.has("size")) {
            if (o.get("size").isJsonPrimitive()) {
                shortest = o.integer("size", 1, MAX_SIZE);
            } else {
                ConfigJson size = o.object("size", sizeForm);
                if (!size.has("size.shortest_edge")) {
                    throw ConfigValueException.invalid(file, "size", o.get("size"), sizeForm);
                }
                shortest = size.integer("size.shortest_edge", 1, MAX_SIZE);
            }
        }
        int ch = 224;
        int cw = 224;
        if (o.has("crop_size")) {
            if (o.get("crop_size").isJsonPrimitive()) {
                ch = cw = o.integer("crop_size", 1, MAX_SIZE);
            } else {
                ConfigJson crop = o.object("crop_size", "{\"height\": H, \"width\": W} or N, in 1.." + MAX_SIZE);
                ch = crop.integer("crop_size.height", 1, MAX_SIZE);
                cw = crop.integer("crop_size.width", 1, MAX_SIZE);
            }
        }
        int resample = o.integer("resample", PIL_BICUBIC, 0, 5);
        if (resample != PIL_BICUBIC) {
            throw ConfigValueException.invalid(file, "resample", resample, PIL_BICUBIC
                    + " (PIL BICUBIC, the only filter RayLens implements)");
        }
        boolean doResize = o.flag("do_resize", true);
        boolean doCrop = o.flag("do_center_crop", true);
        if (doResize && doCrop && (ch > shortest || cw > shortest)) {
            throw ConfigValueException.invalid(file, "crop_size", ch + "x" + cw, "at most size.shortest_edge ("
                    + shortest + ") on each side: the crop must fit inside the resized image (padding crops are"
                    + " not supported)");
        }
        float[] clipMean = {0.48145466f, 0.4578275f, 0.40821073f};
        float[] clipStd = {0.26862954f, 0.26130258f, 0.27577711f};
        return new PreprocessorConfig(o.flag("do_convert_rgb", true), doResize, shortest, resample, doCrop, ch, cw,
                o.flag("do_rescale", true), o.real("rescale_factor", 1.0 / 255, MIN_RESCALE, 1.0),
                o.flag("do_normalize", true), o.triple("image_mean", clipMean, -MAX_MEAN, MAX_MEAN),
                o.triple("image_std", clipStd, MIN_STD, MAX_STD));
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
