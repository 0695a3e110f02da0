package org.raylens.app.shots;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.ui.Workbench;
import org.raylens.inference.explain.MethodParameters;

/**
 * Start-up flags for documentation screenshots of an imported model's class map with its faithfulness metrics
 * (docs/screenshots.sh), so a shot needs no mouse script: {@code --import-model=FOLDER} imports a model folder and
 * analyses the image on screen with it, {@code --class-map=METHOD[:name=value,...]} picks the class map's method and
 * parameters (e.g. {@code rise:masks=300}), {@code --class=LABEL} its class, and {@code --metrics} computes the class
 * map's metrics as soon as the map is in. Each does what the window's own controls do.
 */
public final class ClassMapShotOptions {

    private ClassMapShotOptions() {
    }

    /** Applies the flags among {@code raw} (other arguments are ignored). */
    public static void apply(List<String> raw, Workbench bench) {
        String label = null;
        boolean metrics = false;
        for (String arg : raw) {
            if (arg.startsWith("--import-model=")) {
                Path folder = Path.of(arg.substring("--import-model=".length()));
                // the imported model analyses the image once it is active (the demo run, if any, is superseded)
                bench.models().activeProperty().addListener((o, a, now) -> {
                    if (now instanceof EncoderChoice.Imported) {
                        Platform.runLater(bench.analysis()::run);
                    }
                });
                Platform.runLater(() -> bench.models().importFolder(folder));
            } else if (arg.startsWith("--class-map=")) {
                String[] spec = arg.substring("--class-map=".length()).split(":", 2);
                bench.analysis().headMethodProperty().set(spec[0]);
                if (spec.length > 1) {
                    Map<String, String> p = new LinkedHashMap<>();
                    for (String kv : spec[1].split(",")) {
                        String[] pair = kv.split("=", 2);
                        if (pair.length == 2) {
                            p.put(pair[0].trim(), pair[1].trim());
                        }
                    }
                    bench.analysis().headParametersProperty().set(new MethodParameters(p));
                }
            } else if (arg.startsWith("--class=")) {
                label = arg.substring("--class=".length());
            } else if (arg.equals("--metrics")) {
                metrics = true;
            }
        }
        String chosen = label;
        if (chosen != null) {
            bench.analysis().resultProperty().addListener((o, a, r) -> {
                if (r != null && r.head().map(h -> h.labels().contains(chosen)).orElse(false)) {
                    Platform.runLater(() -> bench.scores().pick(chosen));
                }
            });
        }
        if (metrics) {
            LayerRow row = bench.layers().row(LayerKind.GRADCAM);
            row.mapProperty().addListener((o, a, map) -> {
                if (map != null && (chosen == null || chosen.equals(bench.analysis().gradCamLabelProperty().get()))) {
                    Platform.runLater(() -> bench.layers().metrics().compute(row));
                }
            });
        }
    }
}
