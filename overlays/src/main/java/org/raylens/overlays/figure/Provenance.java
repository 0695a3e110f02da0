package org.raylens.overlays.figure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a figure's maps and scores came from, printed in its footer so a figure found in a slide deck a year later
 * can still be traced to the exact weights and settings. Unknown fields are given as null and shown as "—".
 *
 * @param model          model name ("microsoft/rad-dino")
 * @param weightsSha256  SHA-256 of the weights file
 * @param adapter        adapter name and version, or null for encoder-only outputs
 * @param method         explanation method ("attention", "Grad-CAM", …)
 * @param layerHead      layer and head ("layer 12, mean of heads")
 * @param targetClass    the class explained (Grad-CAM) or null
 * @param preprocessing  the preprocessing recipe ("as displayed, resize 518 bicubic, crop 518, …")
 * @param raylensVersion RayLens version that made the figure
 * @param exportedAt     when the figure was made
 * @param demo           true when the results came from the demo encoder (random weights)
 * @param image          the image the figure shows, named by its source URI
 *                       ({@code org.raylens.viewer.source.SourceNames}), or null when withheld or unknown
 */
public record Provenance(String model, String weightsSha256, String adapter, String method, String layerHead,
        String targetClass, String preprocessing, String raylensVersion, Instant exportedAt, boolean demo,
        String image) {

    private static final String UNKNOWN = "\u2014";
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public Provenance {
        Objects.requireNonNull(exportedAt, "exportedAt");
    }

    /** Provenance that does not name its image (figures made from a tensor, tests). */
    public Provenance(String model, String weightsSha256, String adapter, String method, String layerHead,
            String targetClass, String preprocessing, String raylensVersion, Instant exportedAt, boolean demo) {
        this(model, weightsSha256, adapter, method, layerHead, targetClass, preprocessing, raylensVersion, exportedAt,
                demo, null);
    }

    /** The same provenance naming {@code image} (a source URI as {@code SourceNames} writes it). */
    public Provenance withImage(String image) {
        return new Provenance(model, weightsSha256, adapter, method, layerHead, targetClass, preprocessing,
                raylensVersion, exportedAt, demo, image);
    }

    /** The footer's lines, in reading order; the first says DEMO when the results are from random weights. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (demo) {
            out.add("DEMO \u2014 random weights, not a trained model: these maps and scores mean nothing clinically.");
        }
        if (image != null && !image.isBlank()) {
            out.add("Image: " + image);
        }
        out.add("Model: " + or(model) + "   weights SHA-256: " + or(weightsSha256));
        out.add("Adapter: " + or(adapter) + "   method: " + or(method) + "   layer/head: " + or(layerHead)
                + "   class: " + or(targetClass));
        out.add("Preprocessing: " + or(preprocessing));
        out.add("RayLens " + or(raylensVersion) + "   exported " + DATE.format(exportedAt)
                + "   research use only, not for diagnosis");
        return out;
    }

    private static String or(String s) {
        return s == null || s.isBlank() ? UNKNOWN : s;
    }
}
