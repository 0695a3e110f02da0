package org.raylens.app.prefs;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything RayLens remembers between starts, as a plain mutable bean that gson reads and writes. Missing fields in
 * an older file keep these defaults; unknown fields in a newer file are ignored, so versions can share one file.
 * Only the FX thread touches an instance; {@link PreferencesStore} saves a copy.
 */
public final class Preferences {

    /** How many recently opened studies the File menu keeps. */
    public static final int MAX_RECENT = 10;

    public WindowLayout window = new WindowLayout();
    /** Colormap new heatmap layers start with (a name from the colormap list, e.g. "viridis"). */
    public String defaultColormap = "viridis";
    /** Opacity new heatmap layers start with, 0–1. */
    public double defaultOpacity = 0.5;
    /** Most recent first; each entry is the list of paths opened together. */
    public List<List<String>> recentStudies = new ArrayList<>();
    /** Model folders the user imported, in import order. */
    public List<ModelEntry> models = new ArrayList<>();
    /** Folder of the active model, or null for the demo encoder. */
    public String activeModel;
    /** True to run inference on the GPU where one is usable. */
    public boolean useGpu;
    /** How images become the model's input ("minmax" or "as-displayed"; the command line's --input-recipe). */
    public String inputRecipe = "minmax";
    /** The folder of the last export the user saved (save dialogs start there); null until the first. */
    public String lastExportFolder;
    /** Adapter folders the user imported, in import order. */
    public List<AdapterEntry> adapters = new ArrayList<>();
    /** Folder of the active classification adapter, or null (the demo adapter with the demo encoder). */
    public String activeClassificationAdapter;
    /** Folder of the active segmentation adapter, or null (the demo mask with the demo encoder). */
    public String activeSegmentationAdapter;
    /** The similar-image index folder "Find similar" searches (raylens similar build), or null until chosen. */
    public String similarIndex;

    /**
     * DICOMweb servers (PACS) the user configured, in the order added. RayLens connects to none unless one is listed
     * here and the user searches it. Passwords and tokens are not kept here but in {@link PacsSecrets}' owner-only
     * file.
     */
    public List<PacsServer> pacsServers = new ArrayList<>();

    /**
     * One DICOMweb server: a name for people, the DICOMweb root URL, how to authenticate ("none", "basic" with
     * {@code user}, or "bearer"), and an optional extra CA certificate file (PEM) trusted besides the system's.
     */
    public static final class PacsServer {
        public static final List<String> AUTH_KINDS = List.of("none", "basic", "bearer");

        public String name;
        public String baseUrl;
        public String auth = "none";
        public String user;
        public String caFile;

        public PacsServer() {
        }

        public PacsServer(String name, String baseUrl, String auth, String user, String caFile) {
            this.name = name;
            this.baseUrl = baseUrl;
            this.auth = auth;
            this.user = user;
            this.caFile = caFile;
        }

        @Override
        public String toString() {
            return name + " \u2014 " + baseUrl;
        }
    }

    /** Where and how large the window was, and where the split panes' dividers were. */
    public static final class WindowLayout {
        public double x = Double.NaN;
        public double y = Double.NaN;
        public double width = 1280;
        public double height = 860;
        public boolean maximized;
        public double leftDivider = 0.2;
        public double rightDivider = 0.76;
    }

    /** One imported model folder as validated at import: name, weights digest and size. */
    public static final class ModelEntry {
        public String folder;
        public String name;
        public String weightsSha256;
        public long weightsBytes;
        /** "bf16" for the fast mode chosen for this model in the Models panel; null (or "fp32") for float32. */
        public String precision;

        public ModelEntry() {
        }

        public ModelEntry(String folder, String name, String weightsSha256, long weightsBytes) {
            this.folder = folder;
            this.name = name;
            this.weightsSha256 = weightsSha256;
            this.weightsBytes = weightsBytes;
        }
    }

    /**
     * One imported adapter folder as checked at import: its name, whether it segments, its labels, and the encoder it
     * was checked against (the model folder, null for the demo encoder, and that encoder's weights SHA-256).
     */
    public static final class AdapterEntry {
        public String folder;
        public String name;
        public boolean segmentation;
        public List<String> labels = new ArrayList<>();
        public String encoderFolder;
        public String encoderSha256;

        public AdapterEntry() {
        }

        public AdapterEntry(String folder, String name, boolean segmentation, List<String> labels,
                String encoderFolder, String encoderSha256) {
            this.folder = folder;
            this.name = name;
            this.segmentation = segmentation;
            this.labels = new ArrayList<>(labels);
            this.encoderFolder = encoderFolder;
            this.encoderSha256 = encoderSha256;
        }
    }

    /** Puts {@code paths} first in the recent list, removing an older identical entry, keeping {@link #MAX_RECENT}. */
    public void rememberRecent(List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        List<String> entry = List.copyOf(paths);
        recentStudies.removeIf(entry::equals);
        recentStudies.add(0, entry);
        while (recentStudies.size() > MAX_RECENT) {
            recentStudies.remove(recentStudies.size() - 1);
        }
    }

    /** Repairs what a hand-edited or damaged file may hold (nulls, NaN sizes), so the rest of the app can trust it. */
    void sanitize() {
        if (window == null) {
            window = new WindowLayout();
        }
        if (!(window.width >= 200) || !(window.height >= 150)) {
            window.width = 1280;
            window.height = 860;
        }
        window.leftDivider = clampDivider(window.leftDivider, 0.2);
        window.rightDivider = clampDivider(window.rightDivider, 0.76);
        if (!"minmax".equals(inputRecipe) && !"as-displayed".equals(inputRecipe)) {
            inputRecipe = "minmax";
        }
        if (defaultColormap == null || defaultColormap.isBlank()) {
            defaultColormap = "viridis";
        }
        if (!(defaultOpacity >= 0 && defaultOpacity <= 1)) {
            defaultOpacity = 0.5;
        }
        recentStudies = recentStudies == null ? new ArrayList<>() : new ArrayList<>(recentStudies.stream()
                .filter(r -> r != null && !r.isEmpty() && r.stream().allMatch(p -> p != null)).toList());
        models = models == null ? new ArrayList<>() : new ArrayList<>(models.stream()
                .filter(m -> m != null && m.folder != null).toList());
        pacsServers = pacsServers == null ? new ArrayList<>() : new ArrayList<>(pacsServers.stream()
                .filter(p -> p != null && p.name != null && !p.name.isBlank() && p.baseUrl != null).toList());
        pacsServers.forEach(p -> p.auth = PacsServer.AUTH_KINDS.contains(p.auth) ? p.auth : "none");
        adapters = adapters == null ? new ArrayList<>() : new ArrayList<>(adapters.stream()
                .filter(a -> a != null && a.folder != null && a.name != null).toList());
    }

    private static double clampDivider(double v, double fallback) {
        return v > 0.02 && v < 0.98 ? v : fallback;
    }
}
