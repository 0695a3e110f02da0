package org.raylens.app.export;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.chart.ResultsCardOverlay;
import org.raylens.overlays.chart.ScoreRow;
import org.raylens.overlays.chart.ScoresChart;
import org.raylens.overlays.export.FigureExporter;
import org.raylens.overlays.export.ScoresCsv;
import org.raylens.overlays.export.SecondaryCapture;
import org.raylens.overlays.export.dicom.AlgorithmIdentity;
import org.raylens.overlays.export.dicom.ParametricMap;
import org.raylens.overlays.export.dicom.ScoresReport;
import org.raylens.overlays.export.dicom.Segmentation;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureDecorations;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.figure.PatientIdentity;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.SourceNames;

/**
 * Export without controls: turns the current view (with the layer objects the window paints, read through
 * {@link ScreenLayers}) and the analysis's provenance into the overlays module's {@link Figure},
 * {@link SecondaryCapture} and {@link ScoresCsv} requests and runs them in the background (the overlays module
 * writes every file atomically). No export builds a layer of its own: what is exported is what is on screen. Figures are de-identified unless {@link #includeIdentityProperty()}
 * is ticked; demo results always carry the demo badge and the demo line in the footer.
 */
public final class ExportModel {

    private final Supplier<ViewSnapshot> view;
    private final AnalysisModel analysis;
    private final BackgroundRunner runner;
    private final BooleanProperty includeIdentity = new SimpleBooleanProperty(this, "includeIdentity", false);
    private final IntegerProperty dpi = new SimpleIntegerProperty(this, "dpi", 300);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Exception> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>(this, "lastWritten");

    /**
     * @param view the window's view as it is now, with the overlays it paints: every export takes its layers from
     *             there ({@link ScreenLayers}), never from the layers panel's rows or the analysis
     */
    public ExportModel(Supplier<ViewSnapshot> view, AnalysisModel analysis, BackgroundRunner runner) {
        this.view = Objects.requireNonNull(view);
        this.analysis = Objects.requireNonNull(analysis);
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

    /** The original view, then one panel per result layer shown on screen, side by side on the same view. */
    public void exportMultiPanel(Path target) {
        Figure figure = multiPanelFigure();
        int d = dpi.get();
        run(target, () -> FigureExporter.write(figure, target, new FigureExporter.Options(d, true)));
    }

    /** The annotated view as a DICOM Secondary Capture in the source's study. */
    public void exportSecondaryCapture(Path target) {
        export(target, this::secondaryCaptureWriter);
    }

    /**
     * The explanation map shown on screen (Grad-CAM, else attention, else the first other shown map) as a DICOM
     * Parametric Map over the source. DICOM results are linked to the source's patient and study when patient
     * identity is included in exports, de-identified otherwise.
     */
    public void exportParametricMap(Path target) {
        export(target, this::parametricMapWriter);
    }

    /** The segmentation adapter's mask as a DICOM Segmentation (fractional: the probabilities). */
    public void exportSegmentation(Path target) {
        export(target, this::segmentationWriter);
    }

    /** The classification adapter's scores as a DICOM Comprehensive SR. */
    public void exportScoresReport(Path target) {
        export(target, this::scoresReportWriter);
    }

    /**
     * Every DICOM result the view can make now (Secondary Capture, Parametric Map, Segmentation, SR), each as a
     * blocking write to a file, and for the others why not: what "Send results to PACS" stores. Taken on the FX
     * thread (it reads the view); the writes run anywhere.
     */
    public DicomResultSet dicomResultSet() {
        List<DicomResultSet.Result> ready = new java.util.ArrayList<>();
        List<String> unavailable = new java.util.ArrayList<>();
        String base = suggestedName("raylens");
        Object[][] kinds = {
            {"Secondary Capture", "sc", (Preparer) this::secondaryCaptureWriter},
            {"Parametric Map", "pmap", (Preparer) this::parametricMapWriter},
            {"Segmentation", "seg", (Preparer) this::segmentationWriter},
            {"SR", "sr", (Preparer) this::scoresReportWriter}};
        for (Object[] k : kinds) {
            try {
                ready.add(new DicomResultSet.Result((String) k[0], base + "-" + k[1] + ".dcm",
                        ((Preparer) k[2]).prepare()));
            } catch (IllegalStateException | ImageSourceException e) {
                unavailable.add(k[0] + ": " + e.getMessage());
            }
        }
        return new DicomResultSet(ready, unavailable);
    }

    /** Prepares a DICOM export on the FX thread: what it needs from the view, taken now. */
    @FunctionalInterface
    private interface Preparer {
        DicomResultSet.Writer prepare() throws ImageSourceException;
    }

    private void export(Path target, Preparer preparer) {
        DicomResultSet.Writer writer;
        try {
            writer = preparer.prepare();
        } catch (IllegalStateException | ImageSourceException e) {
            fail(target, e);
            return;
        }
        run(target, () -> writer.write(target));
    }

    private DicomResultSet.Writer secondaryCaptureWriter() throws ImageSourceException {
        SecondaryCapture.Request request = secondaryCaptureRequest();
        return target -> SecondaryCapture.write(request, target);
    }

    private DicomResultSet.Writer parametricMapWriter() throws ImageSourceException {
        DicomResults.Inputs in = dicomInputs();
        PatchMap map = shownMap(in.view()).orElseThrow(() -> new IllegalStateException(
                "No explanation map is shown: show an attention, rollout or Grad-CAM layer first"));
        AlgorithmIdentity identity = in.identity(map.method(), map.provenance());
        return target -> ParametricMap.write(new ParametricMap.Request(in.source(), map, identity, in.linkage(),
                true), target);
    }

    private DicomResultSet.Writer segmentationWriter() throws ImageSourceException {
        DicomResults.Inputs in = dicomInputs();
        MaskMap mask = in.result().mask().orElseThrow(() -> new IllegalStateException(
                "No mask: run the analysis with a segmentation adapter first"));
        AlgorithmIdentity identity = in.identity(in.result().adapters(), mask.provenance());
        Segmentation.Segment segment = Segmentation.Segment.of(mask.label(), MaskLayer.DEFAULT_COLOUR & 0xFFFFFF,
                mask.width(), mask.height(), mask.probability(), mask.threshold());
        return target -> Segmentation.write(new Segmentation.Request(in.source(), List.of(segment), true, identity,
                in.linkage(), true), target);
    }

    private DicomResultSet.Writer scoresReportWriter() throws ImageSourceException {
        DicomResults.Inputs in = dicomInputs();
        AdapterScores scores = in.result().scores().orElseThrow(() -> new IllegalStateException(
                "No scores yet: run the analysis with an adapter first"));
        AlgorithmIdentity identity = in.identity(scores.adapter(), in.result().modelName() + " sha256="
                + in.result().weightsSha256() + "; " + in.result().preprocessing());
        List<ScoresReport.Score> rows = scores.entries().stream().map(e -> new ScoresReport.Score(e.label(),
                e.probability(), e.threshold(), e.above())).toList();
        return target -> ScoresReport.write(new ScoresReport.Request(in.source(), rows, identity, in.linkage(),
                true), target);
    }

    private DicomResults.Inputs dicomInputs() throws ImageSourceException {
        return DicomResults.inputs(view.get(), analysis.getResult(), includeIdentity.get());
    }

    /** The map a Parametric Map export takes: the one the screen shows, Grad-CAM first. */
    private Optional<PatchMap> shownMap(ViewSnapshot v) {
        ScreenLayers shown = v.layers();
        List<PatchMap> candidates = new java.util.ArrayList<>();
        candidates.add(analysis.gradCamMapProperty().get());
        candidates.add(analysis.attentionMapProperty().get());
        AnalysisResult r = analysis.getResult();
        if (r != null) {
            r.maps().values().forEach(e -> candidates.add(e.map()));
        }
        return candidates.stream().filter(m -> m != null && m.channels() == 1 && shown.shows(m)).findFirst();
    }

    /** The adapter's scores for the image on screen, one row per label, named by the image's source URI. */
    public void exportScoresCsv(Path target) {
        AnalysisResult r = analysis.getResult();
        if (r == null || r.scores().isEmpty()) {
            fail(target, new IllegalStateException("No scores yet: run the analysis with an adapter first"));
            return;
        }
        ViewSnapshot v = view.get();
        String image = v.source() == null ? "image" : SourceNames.of(v.source());
        List<ScoresCsv.ScoredImage> images = List.of(new ScoresCsv.ScoredImage(image, rows(r.scores().get())));
        Provenance provenance = provenance(r, v, true);
        run(target, () -> ScoresCsv.write(target, images, provenance, true));
    }

    /**
     * A file name for an export of the image on screen: the image's name and what the export is
     * ({@code IM1-frame-3-figure.png}).
     */
    public String suggestedName(String what) {
        return ExportNames.of(view.get().source(), what);
    }

    /** The one-panel figure of the current view; public so tests can render what an export would write. */
    public Figure singlePanelFigure() {
        ViewSnapshot v = view.get();
        ScreenLayers shown = v.layers();
        Figure.Builder b = Figure.builder(provenance(analysis.getResult(), v, includeIdentity.get()));
        b.addPanel(panel(v.source() == null ? "Image" : v.source().displayName(), v, shown.panelOverlays()));
        shown.colorbarLayer().ifPresent(layer -> b.addColorbar(Colorbar.of(layer)));
        decorate(b, analysis.getResult(), v);
        return b.build();
    }

    /**
     * The multi-panel figure: the view without layers, then one panel per result layer the screen shows (in paint
     * order), each painting that very layer object with the screen's other overlays; public for tests.
     */
    public Figure multiPanelFigure() {
        ViewSnapshot v = view.get();
        ScreenLayers shown = v.layers();
        Figure.Builder b = Figure.builder(provenance(analysis.getResult(), v, includeIdentity.get()));
        b.addPanel(panel("Original", v, shown.withoutLayers()));
        for (Layer result : shown.shownResults()) {
            b.addPanel(panel(result.label(), v, shown.showingOnly(result)));
            if (result instanceof ScalarMapLayer scalar) {
                b.addColorbar(Colorbar.of(scalar));
            }
        }
        decorate(b, analysis.getResult(), v);
        return b.build();
    }

    /**
     * The Secondary Capture of the current view: the whole source image at its full resolution (Rows and Columns
     * are the source's), in its stored orientation, with the screen's window, layers and decorations, the colorbar
     * card and a card with the legend and the adapter's scores burned in (a capture has no margin to put them
     * beside). The decorations are sized as on screen: view units are source pixels divided by the scale that fits
     * the image into the viewport, so a card covers the share of the capture it covers on screen.
     */
    private SecondaryCapture.Request secondaryCaptureRequest() throws ImageSourceException {
        ViewSnapshot v = view.get();
        Optional<DicomObject> header = v.source() == null ? Optional.empty()
                : v.source().header().map(DicomFile::dataset);
        if (header.isEmpty() || v.image() == null) {
            throw new IllegalStateException("Secondary Capture needs a DICOM source image");
        }
        ScreenLayers shown = v.layers();
        AnalysisResult r = analysis.getResult();
        int columns = v.image().width();
        int rows = v.image().height();
        double scale = captureScale(columns, rows, v.width(), v.height());
        ViewTransform whole = new ViewTransform(scale, 0, 0, 0, scale, 0);
        int viewWidth = Math.max(1, (int) Math.ceil(columns / scale - 1e-9));
        int viewHeight = Math.max(1, (int) Math.ceil(rows / scale - 1e-9));
        List<Overlay> overlays = new java.util.ArrayList<>(shown.overlays());
        if (shown.colorbarLayer().isEmpty()) {
            shown.shownResults().stream().filter(l -> l instanceof ScalarMapLayer).reduce((a, b) -> b)
                    .ifPresent(l -> overlays.add(new ColorbarOverlay((ScalarMapLayer) l)));
        }
        FigurePanel bare = new FigurePanel("RayLens view", v.image(), v.window(), v.invert(), whole, viewWidth,
                viewHeight, overlays);
        Optional<ScoresChart> scores = r == null ? Optional.empty() : r.scores().map(s -> ScoresChart.probabilities(
                "Probability \u2014 " + s.adapter(), rows(s)));
        overlays.add(new ResultsCardOverlay(FigureDecorations.legend(List.of(bare)), scores));
        FigurePanel panel = new FigurePanel(bare.title(), v.image(), v.window(), v.invert(), whole, viewWidth,
                viewHeight, overlays);
        String derivation = "RayLens: " + (r == null ? "view, no analysis" : shown.describe() + "; " + r.provenance())
                + "; image " + SourceNames.of(v.source());
        return new SecondaryCapture.Request(panel, header.get(), scale, clip(derivation, 1024),
                RayLensVersion.current().version(), r != null && r.demo(), true, columns, rows);
    }

    /**
     * Source pixels per view unit of a capture: the scale that fits the whole {@code columns × rows} image into the
     * viewport ({@code viewWidth × viewHeight}), so the decorations drawn in view units keep their on-screen share of
     * the picture; at least 1 (a small image is not upsampled and its cards are drawn at their screen size) and
     * within what a capture allows (8 device pixels per view unit, 20 000 view units a side).
     */
    static double captureScale(int columns, int rows, int viewWidth, int viewHeight) {
        double fit = Math.max(columns / (double) Math.max(1, viewWidth), rows / (double) Math.max(1, viewHeight));
        double floor = Math.max(1, Math.max(columns, rows) / 20_000.0);
        return Math.min(8, Math.max(floor, fit));
    }

    private void decorate(Figure.Builder b, AnalysisResult r, ViewSnapshot v) {
        if (r != null && r.scores().isPresent()) {
            // Named as the scores panel and the Grad-CAM caption name it: these are probabilities, not logits.
            b.optScores(ScoresChart.probabilities("Probability \u2014 " + r.scores().get().adapter(),
                    rows(r.scores().get())));
        }
        if (v.source() != null) {
            try {
                v.source().header().map(DicomFile::dataset).ifPresent(ds -> b.optPatient(new PatientIdentity(
                        ds.getString(Tag.PatientName, ""), ds.getString(Tag.PatientID, ""),
                        ds.getString(Tag.PatientBirthDate, ""))));
            } catch (ImageSourceException unreadable) {
                // the figure is still made, without an identity to burn in; the viewer reported the header already
                message.set("No patient identity: " + unreadable.getMessage());
            }
        }
        b.optIncludePatientIdentity(includeIdentity.get());
    }

    private static FigurePanel panel(String title, ViewSnapshot v, List<Overlay> overlays) {
        return new FigurePanel(title, v.image(), v.window(), v.invert(), v.view(), v.width(), v.height(), overlays);
    }

    /**
     * Where the export came from. The image is named by its source URI; a figure names it only when the patient's
     * identity is burned in too, because a local path often carries a patient's name (folders of a PACS export), and
     * a figure is de-identified by default.
     */
    private Provenance provenance(AnalysisResult r, ViewSnapshot v, boolean nameImage) {
        String version = RayLensVersion.current().version();
        String image = nameImage && v.source() != null ? SourceNames.of(v.source()) : null;
        if (r == null) {
            return new Provenance(null, null, null, null, null, null, null, version, Instant.now(), false, image);
        }
        ScreenLayers shown = v.layers();
        PatchMap attention = analysis.attentionMapProperty().get();
        return new Provenance(r.modelName(), r.weightsSha256(),
                r.adapters().isEmpty() ? r.scores().map(AdapterScores::adapter).orElse(null) : r.adapters(),
                shown.describe(), shown.shows(attention) ? attention.description() : null,
                shown.shows(analysis.gradCamMapProperty().get()) ? analysis.gradCamLabelProperty().get() : null,
                r.input().preprocessing(), version, Instant.now(), r.demo(), image);
    }

    private static List<ScoreRow> rows(AdapterScores s) {
        return s.sorted().stream().map(e -> new ScoreRow(e.label(), e.probability(), e.threshold())).toList();
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
