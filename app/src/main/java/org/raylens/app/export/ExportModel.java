package org.raylens.app.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.raylens.app.RayLensVersion;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.layers.LayersModel;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.chart.ScoreRow;
import org.raylens.overlays.chart.ScoresChart;
import org.raylens.overlays.export.FigureExporter;
import org.raylens.overlays.export.ScoresCsv;
import org.raylens.overlays.export.SecondaryCapture;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.figure.PatientIdentity;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.overlay.Overlay;

/**
 * Export without controls: turns the current view, analysis and layer settings into the overlays module's
 * {@link Figure}, {@link SecondaryCapture} and {@link ScoresCsv} requests and runs them in the background (the
 * overlays module writes every file atomically). Figures are de-identified unless {@link #includeIdentityProperty()}
 * is ticked; demo results always carry the demo badge and the demo line in the footer.
 */
public final class ExportModel {

    private final Supplier<ViewSnapshot> view;
    private final AnalysisModel analysis;
    private final LayersModel layers;
    private final BackgroundRunner runner;
    private final BooleanProperty includeIdentity = new SimpleBooleanProperty(this, "includeIdentity", false);
    private final IntegerProperty dpi = new SimpleIntegerProperty(this, "dpi", 300);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Exception> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>(this, "lastWritten");

    public ExportModel(Supplier<ViewSnapshot> view, AnalysisModel analysis, LayersModel layers,
            BackgroundRunner runner) {
        this.view = Objects.requireNonNull(view);
        this.analysis = Objects.requireNonNull(analysis);
        this.layers = Objects.requireNonNull(layers);
        this.runner = Objects.requireNonNull(runner);
    }

    /** Burn the patient's name, ID and birth date into figures (off by default). */
    public BooleanProperty includeIdentityProperty() {
        return includeIdentity;
    }

    /** Raster resolution of PNG (and of images inside SVG and PDF). */
    public IntegerProperty dpiProperty() {
        return dpi;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Exception> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** The file the last successful export wrote. */
    public ReadOnlyObjectProperty<Path> lastWrittenProperty() {
        return lastWritten.getReadOnlyProperty();
    }

    /** The view as on screen, in the format {@code target}'s extension names (.png, .svg, .pdf). */
    public void exportFigure(Path target) {
        Figure figure = singlePanelFigure();
        int d = dpi.get();
        run(target, () -> FigureExporter.write(figure, target, new FigureExporter.Options(d, true)));
    }

    /** Original | attention | Grad-CAM | mask (the maps that exist), side by side on the same view. */
    public void exportMultiPanel(Path target) {
        Figure figure = multiPanelFigure();
        int d = dpi.get();
        run(target, () -> FigureExporter.write(figure, target, new FigureExporter.Options(d, true)));
    }

    /** The annotated view as a DICOM Secondary Capture in the source's study. */
    public void exportSecondaryCapture(Path target) {
        ViewSnapshot v = view.get();
        if (v.source() == null) {
            fail(target, new IllegalStateException("Secondary Capture needs a DICOM source image"));
            return;
        }
        FigurePanel panel = panel("RayLens view", v, screenOverlays(v));
        AnalysisResult r = analysis.getResult();
        String derivation = r == null ? "RayLens view, no analysis" : "RayLens: " + describeMaps() + "; "
                + r.provenance();
        boolean demo = r != null && r.demo();
        String version = RayLensVersion.current().version();
        run(target, () -> {
            DicomObject header = readHeader(v.source()).dataset();
            SecondaryCapture.write(new SecondaryCapture.Request(panel, header, 1.0, clip(derivation, 1024), version,
                    demo, true), target);
        });
    }

    /** The adapter's scores for the image on screen, one row per label. */
    public void exportScoresCsv(Path target) {
        AnalysisResult r = analysis.getResult();
        if (r == null || r.scores().isEmpty()) {
            fail(target, new IllegalStateException("No scores yet: run the analysis with an adapter first"));
            return;
        }
        ViewSnapshot v = view.get();
        String image = v.source() == null ? "image" : String.valueOf(v.source().getFileName());
        List<ScoresCsv.ScoredImage> images = List.of(new ScoresCsv.ScoredImage(image, rows(r.scores().get())));
        Provenance provenance = provenance(r);
        run(target, () -> ScoresCsv.write(target, images, provenance, true));
    }

    /** The one-panel figure of the current view; public so tests can render what an export would write. */
    public Figure singlePanelFigure() {
        ViewSnapshot v = view.get();
        AnalysisResult r = analysis.getResult();
        Figure.Builder b = Figure.builder(provenance(r));
        b.addPanel(panel(v.source() == null ? "Image" : String.valueOf(v.source().getFileName()), v,
                screenOverlays(v)));
        for (Overlay o : v.overlays()) {
            if (o instanceof ColorbarOverlay) {
                topScalar(v).ifPresent(layer -> b.addColorbar(Colorbar.of(layer)));
            }
        }
        decorate(b, r, v);
        return b.build();
    }

    /** The multi-panel figure; public for tests. */
    public Figure multiPanelFigure() {
        ViewSnapshot v = view.get();
        AnalysisResult r = analysis.getResult();
        Figure.Builder b = Figure.builder(provenance(r));
        boolean demo = r != null && r.demo();
        List<Overlay> base = new ArrayList<>();
        for (Overlay o : v.overlays()) {
            if (o instanceof org.raylens.viewer.overlay.ScaleBarOverlay) {
                base.add(o);
            }
        }
        b.addPanel(panel("Original", v, withBadge(base, demo)));
        for (LayerKind k : new LayerKind[] {LayerKind.ATTENTION, LayerKind.GRADCAM}) {
            LayerRow row = layers.row(k);
            PatchMap map = row.getMap();
            if (map == null || map.channels() != 1) {
                continue;
            }
            HeatmapLayer layer = new HeatmapLayer(row.titleProperty().get(), map);
            org.raylens.app.layers.LayerBinder.styleScalar(layer, row, map);
            layer.setOpacity(Math.max(0.35, row.opacityProperty().get()));
            List<Overlay> overlays = new ArrayList<>(base);
            overlays.add(0, layer);
            overlays.add(1, new NotSeenBorderLayer(map.geometry()));
            b.addPanel(panel(row.titleProperty().get(), v, withBadge(overlays, demo)));
            b.addColorbar(Colorbar.of(layer));
        }
        LayerRow maskRow = layers.row(LayerKind.MASK);
        if (maskRow.getMask() != null) {
            org.raylens.overlays.layer.MaskLayer mask = org.raylens.app.layers.LayerBinder.maskLayer(
                    maskRow.titleProperty().get(), maskRow.getMask());
            org.raylens.app.layers.LayerBinder.styleMask(mask, maskRow);
            mask.setVisible(true);
            mask.setOpacity(Math.max(0.35, maskRow.opacityProperty().get()));
            List<Overlay> overlays = new ArrayList<>(base);
            overlays.add(0, mask);
            b.addPanel(panel(mask.label(), v, withBadge(overlays, demo)));
        }
        decorate(b, r, v);
        return b.build();
    }

    private void decorate(Figure.Builder b, AnalysisResult r, ViewSnapshot v) {
        if (r != null && r.scores().isPresent()) {
            // Named as the scores panel and the Grad-CAM caption name it: these are probabilities, not logits.
            b.optScores(ScoresChart.probabilities("Probability \u2014 " + r.scores().get().adapter(),
                    rows(r.scores().get())));
        }
        if (v.source() != null) {
            try {
                DicomObject ds = readHeader(v.source()).dataset();
                b.optPatient(new PatientIdentity(ds.getString(Tag.PatientName, ""), ds.getString(Tag.PatientID, ""),
                        ds.getString(Tag.PatientBirthDate, "")));
            } catch (Exception notDicom) {
                // PNG/JPEG sources have no identity to burn in
            }
        }
        b.optIncludePatientIdentity(includeIdentity.get());
    }

    private static List<Overlay> withBadge(List<Overlay> overlays, boolean demo) {
        List<Overlay> out = new ArrayList<>(overlays);
        if (demo) {
            out.add(new DemoBadgeLayer(true));
        }
        return out;
    }

    /** The screen's overlays minus the colorbar card (a figure draws its colorbars beside the panels). */
    private static List<Overlay> screenOverlays(ViewSnapshot v) {
        return v.overlays().stream().filter(o -> !(o instanceof ColorbarOverlay)).toList();
    }

    private static java.util.Optional<ScalarMapLayer> topScalar(ViewSnapshot v) {
        ScalarMapLayer top = null;
        for (Overlay o : v.overlays()) {
            if (o instanceof ScalarMapLayer s && s.isVisible()) {
                top = s;
            }
        }
        return java.util.Optional.ofNullable(top);
    }

    private static FigurePanel panel(String title, ViewSnapshot v, List<Overlay> overlays) {
        return new FigurePanel(title, v.image(), v.window(), v.invert(), v.view(), v.width(), v.height(), overlays);
    }

    private Provenance provenance(AnalysisResult r) {
        String version = RayLensVersion.current().version();
        if (r == null) {
            return new Provenance(null, null, null, null, null, null, null, version, Instant.now(), false);
        }
        PatchMap attention = analysis.attentionMapProperty().get();
        return new Provenance(r.modelName(), r.weightsSha256(),
                r.adapters().isEmpty() ? r.scores().map(AdapterScores::adapter).orElse(null) : r.adapters(),
                describeMaps(), attention == null ? null : attention.description(),
                layers.row(LayerKind.GRADCAM).getMap() == null ? null : analysis.gradCamLabelProperty().get(),
                r.input().preprocessing(), version, Instant.now(), r.demo());
    }

    private String describeMaps() {
        List<String> shown = new ArrayList<>();
        for (LayerRow row : layers.rows()) {
            if (row.getMap() != null && row.visibleProperty().get()) {
                shown.add(row.getMap().method());
            }
        }
        LayerRow mask = layers.row(LayerKind.MASK);
        if (mask.getMask() != null && mask.visibleProperty().get()) {
            shown.add("segmentation mask " + mask.getMask().label() + " (p \u2265 "
                    + mask.thresholdProperty().get() + ", " + mask.maskStyleProperty().get().name().toLowerCase() + ")");
        }
        return shown.isEmpty() ? "image only" : String.join(", ", shown);
    }

    private static List<ScoreRow> rows(AdapterScores s) {
        return s.sorted().stream().map(e -> new ScoreRow(e.label(), e.probability(), e.threshold())).toList();
    }

    private static DicomFile readHeader(Path source) throws Exception {
        return DicomReader.readHeader(source);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Blocking export work. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private void run(Path target, Work work) {
        busy.set(true);
        failure.set(null);
        message.set("Writing " + target.getFileName() + "\u2026");
        runner.run(() -> {
            work.run();
            return target;
        }, written -> {
            // The message first: listeners of lastWritten and failure show it, and must not show "Writing…".
            message.set("Wrote " + written);
            busy.set(false);
            lastWritten.set(null); // so a second export to the same file is announced too
            lastWritten.set(written);
        }, error -> fail(target, error));
    }

    private void fail(Path target, Exception error) {
        message.set("Export to " + target.getFileName() + " failed: " + error.getMessage());
        busy.set(false);
        failure.set(null);
        failure.set(error);
    }
}
