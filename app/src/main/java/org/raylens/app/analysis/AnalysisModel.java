package org.raylens.app.analysis;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.MethodParameters;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.metrics.Region;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.core.result.PatchMap;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.VoiWindow;

/**
 * The analysis state without controls: which encoder runs where, the run in flight (progress, cancel), the result for
 * the image on screen, and the maps derived from it for the chosen layer and head and the clicked patch.
 *
 * <p>Every request is numbered; a result (or a point map) that arrives after the image changed or a newer request
 * started is dropped, so the maps on screen always belong to the image on screen. FX thread only.
 */
public final class AnalysisModel {

    private final AnalysisService service;
    private final BackgroundRunner runner;

    private final ObjectProperty<EncoderChoice> encoder = new SimpleObjectProperty<>(this, "encoder",
            new EncoderChoice.Demo());
    private final ObjectProperty<ComputeTarget> target = new SimpleObjectProperty<>(this, "target",
            ComputeTarget.cpu());
    /** The adapters to run (chosen in the models panel); changing them drops the result, which no longer fits. */
    private final ObjectProperty<AdapterSelection> adapters = new SimpleObjectProperty<>(this, "adapters",
            AdapterSelection.NONE);
    private final ObjectProperty<DisplayableImage> image = new SimpleObjectProperty<>(this, "image");
    /** How the image becomes the model's input (the same choice as the command line's --input-recipe). */
    private final ObjectProperty<InputRecipe> inputRecipe = new SimpleObjectProperty<>(this, "inputRecipe",
            InputRecipe.DEFAULT);
    /** The VOI window and invert state on screen, which the as-displayed recipe feeds the model. */
    private final ObjectProperty<VoiWindow> shownWindow = new SimpleObjectProperty<>(this, "shownWindow");
    private final BooleanProperty shownInvert = new SimpleBooleanProperty(this, "shownInvert");
    private final ReadOnlyObjectWrapper<AnalysisResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Exception> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    /** 0-based layer of the attention and point maps; -1 until the first result (then the last layer). */
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", -1);
    /** 0-based head, or {@link AttentionByLayer#MEAN}. */
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", AttentionByLayer.MEAN);
    private final BooleanProperty clickMode = new SimpleBooleanProperty(this, "clickMode");
    private final ReadOnlyObjectWrapper<PatchMap> attentionMap = new ReadOnlyObjectWrapper<>(this, "attentionMap");
    private final ReadOnlyObjectWrapper<PatchMap> rolloutMap = new ReadOnlyObjectWrapper<>(this, "rolloutMap");
    private final ReadOnlyObjectWrapper<PatchMap> pointMap = new ReadOnlyObjectWrapper<>(this, "pointMap");
    private final ReadOnlyObjectWrapper<PatchMap> pcaMap = new ReadOnlyObjectWrapper<>(this, "pcaMap");
    private final ReadOnlyObjectWrapper<PatchMap> gradCamMap = new ReadOnlyObjectWrapper<>(this, "gradCamMap");
    /** The adapter label Grad-CAM explains; the scores panel sets it. */
    private final javafx.beans.property.StringProperty gradCamLabel =
            new javafx.beans.property.SimpleStringProperty(this, "gradCamLabel");
    /** The method the class map row shows (a registry name: gradcam, gradcam++, ..., occlusion, rise). */
    private final javafx.beans.property.StringProperty headMethod =
            new javafx.beans.property.SimpleStringProperty(this, "headMethod", AnalysisService.GRAD_CAM);
    /** That method's own parameters (eigen_smooth, RISE's masks); the defaults when empty. */
    private final ObjectProperty<MethodParameters> headParameters = new SimpleObjectProperty<>(this,
            "headParameters", MethodParameters.NONE);
    private final ReadOnlyBooleanWrapper headRunning = new ReadOnlyBooleanWrapper(this, "headRunning");
    private final ReadOnlyDoubleWrapper headProgress = new ReadOnlyDoubleWrapper(this, "headProgress");
    private AtomicBoolean headCancel = new AtomicBoolean();
    private final ReadOnlyObjectWrapper<int[]> clickedPatch = new ReadOnlyObjectWrapper<>(this, "clickedPatch");
    private final ReadOnlyObjectWrapper<double[]> clickedPoint = new ReadOnlyObjectWrapper<>(this, "clickedPoint");

    private long request;
    private long pointRequest;
    private long camRequest;
    private AnalysisResult camResult;
    private String camLabel;
    private String camMethod;
    private MethodParameters camParameters;
    private AtomicBoolean cancelFlag = new AtomicBoolean();

    public AnalysisModel(AnalysisService service, BackgroundRunner runner) {
        this.service = Objects.requireNonNull(service, "service");
        this.runner = Objects.requireNonNull(runner, "runner");
        image.addListener((obs, old, now) -> clear());
        encoder.addListener((obs, old, now) -> clear());
        adapters.addListener((obs, old, now) -> clear());
        inputRecipe.addListener((obs, old, now) -> clear());
        layer.addListener((obs, old, now) -> deriveMaps());
        head.addListener((obs, old, now) -> deriveMaps());
        gradCamLabel.addListener((obs, old, now) -> computeGradCam());
        // another method reads other parameters: back to its defaults
        headMethod.addListener((obs, old, now) -> {
            headParameters.set(MethodParameters.NONE);
            computeGradCam();
        });
        headParameters.addListener((obs, old, now) -> computeGradCam());
    }

    /** The method of the class map (Grad-CAM by default); changing it recomputes the map. */
    public javafx.beans.property.StringProperty headMethodProperty() {
        return headMethod;
    }

    /** The class map method's own parameters; changing them recomputes the map. */
    public ObjectProperty<MethodParameters> headParametersProperty() {
        return headParameters;
    }

    /** True while a class map runs (occlusion and RISE take many forwards). */
    public ReadOnlyBooleanProperty headRunningProperty() {
        return headRunning.getReadOnlyProperty();
    }

    /** 0–1 of the class map in flight. */
    public ReadOnlyDoubleProperty headProgressProperty() {
        return headProgress.getReadOnlyProperty();
    }

    /** Stops the class map in flight; the row keeps no map. */
    public void cancelHeadMap() {
        if (headRunning.get()) {
            headCancel.set(true);
            camRequest++;
            camResult = null;
            headRunning.set(false);
            message.set("Class map cancelled");
        }
    }

    /** Every registered method that explains one class of a head, in registry order: what the class map offers. */
    public java.util.List<Explainer> headMethods() {
        return service.pipeline().explainers().all().stream().filter(e -> e.needsHead() && !e.needsPoint())
                .toList();
    }

    /**
     * Runs the faithfulness metrics of {@code map} (a map of the result on screen) for the class the class map
     * explains, in the background: {@code done} gets the report on the UI thread unless the image changed meanwhile.
     */
    public void metrics(PatchMap map, Region region, FaithfulnessMetrics.Options options, Progress progress,
                        CancellationToken cancel, java.util.function.Consumer<FaithfulnessMetrics.Report> done,
                        java.util.function.Consumer<Exception> failed) {
        AnalysisResult r = result.get();
        String label = gradCamLabel.get();
        if (r == null || r.head().isEmpty() || label == null) {
            failed.accept(new IllegalStateException("the metrics score one class of a head: run the analysis with a"
                    + " model or adapter that gives scores, and pick a class"));
            return;
        }
        runner.run(() -> service.metrics(r, map, label, region, options, progress, cancel),
                report -> {
                    if (r == result.get()) {
                        done.accept(report);
                    }
                },
                failed::accept);
    }

    /** Runs {@code update} on the UI thread (progress from background work). */
    public void onUi(Runnable update) {
        runner.onUi(update);
    }

    /** Another analysis on the same service and runner: the compare view's second image gets its own maps. */
    public AnalysisModel sibling() {
        return new AnalysisModel(service, runner);
    }

    public ObjectProperty<EncoderChoice> encoderProperty() {
        return encoder;
    }

    public ObjectProperty<AdapterSelection> adaptersProperty() {
        return adapters;
    }

    public ObjectProperty<ComputeTarget> targetProperty() {
        return target;
    }

    public ObjectProperty<InputRecipe> inputRecipeProperty() {
        return inputRecipe;
    }

    /** The window binds this to the viewport's VOI window (used by the as-displayed recipe). */
    public ObjectProperty<VoiWindow> shownWindowProperty() {
        return shownWindow;
    }

    /** The window binds this to the viewport's invert toggle (used by the as-displayed recipe). */
    public BooleanProperty shownInvertProperty() {
        return shownInvert;
    }

    /** The image analyses run on: the window binds it to the viewport's image. */
    public ObjectProperty<DisplayableImage> imageProperty() {
        return image;
    }

    public ReadOnlyObjectProperty<AnalysisResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public AnalysisResult getResult() {
        return result.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0–1 while running (blocks done / blocks), -1 while the model loads. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last run's failure, with its stack trace for the details pane; null after a success. */
    public ReadOnlyObjectProperty<Exception> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public IntegerProperty layerProperty() {
        return layer;
    }

    public IntegerProperty headProperty() {
        return head;
    }

    public BooleanProperty clickModeProperty() {
        return clickMode;
    }

    public ReadOnlyObjectProperty<PatchMap> attentionMapProperty() {
        return attentionMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PatchMap> rolloutMapProperty() {
        return rolloutMap.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PatchMap> pointMapProperty() {
        return pointMap.getReadOnlyProperty();
    }

    /** RGB map of the first three principal components of the patch tokens. */
    public ReadOnlyObjectProperty<PatchMap> pcaMapProperty() {
        return pcaMap.getReadOnlyProperty();
    }

    /** Grad-CAM of {@link #gradCamLabelProperty()}, computed in the background after each change. */
    public ReadOnlyObjectProperty<PatchMap> gradCamMapProperty() {
        return gradCamMap.getReadOnlyProperty();
    }

    public javafx.beans.property.StringProperty gradCamLabelProperty() {
        return gradCamLabel;
    }

    /** (row, col) of the clicked patch, or null. */
    public ReadOnlyObjectProperty<int[]> clickedPatchProperty() {
        return clickedPatch.getReadOnlyProperty();
    }

    /** Source (x, y) of the last click, or null; the point marker shows it. */
    public ReadOnlyObjectProperty<double[]> clickedPointProperty() {
        return clickedPoint.getReadOnlyProperty();
    }

    /** Layers and heads the current result offers (0 when there is none). */
    public int layerCount() {
        return result.get() == null ? 0 : result.get().attention().layers();
    }

    public int headCount() {
        return result.get() == null ? 0 : result.get().attention().heads();
    }

    /**
     * The head chooser's caption: "—" without a result or attention maps (never "1 / 0" between images), "mean"
     * for the mean of heads, else "head / heads" of the result on screen.
     */
    public String headText() {
        AnalysisResult r = result.get();
        if (r == null || !r.attention().available()) {
            return "\u2014"; // also for a model without attention maps: it has no heads to choose
        }
        return head.get() < 0 ? "mean" : (head.get() + 1) + " / " + r.attention().heads();
    }

    /** The layer chooser's caption: "—" without a result or attention maps, else "layer / layers". */
    public String layerText() {
        AnalysisResult r = result.get();
        return r == null || !r.attention().available() ? "\u2014" : (layer.get() + 1) + " / " + r.attention().layers();
    }

    /**
     * Work that embeds the current image with the current model and input settings (for the similar-image search; run
     * it off the FX thread), or empty when no image is open.
     */
    public Optional<java.util.concurrent.Callable<ImageEmbedding>> embeddingOfCurrentImage() {
        DisplayableImage img = image.get();
        EncoderChoice choice = encoder.get();
        ComputeTarget where = target.get();
        InputSettings input = new InputSettings(inputRecipe.get() == null ? InputRecipe.DEFAULT : inputRecipe.get(),
                shownWindow.get(), shownInvert.get());
        return img == null ? Optional.empty() : Optional.of(() -> service.embed(img, input, choice, where));
    }

    /** Runs the chosen encoder on the current image in the background; a run in flight is cancelled. */
    public void run() {
        DisplayableImage img = image.get();
        if (img == null) {
            message.set("Open an image first");
            return;
        }
        cancelFlag.set(true);
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelFlag = cancelled;
        long id = ++request;
        EncoderChoice choice = encoder.get();
        ComputeTarget where = target.get();
        AdapterSelection chosen = adapters.get();
        InputSettings input = new InputSettings(inputRecipe.get() == null ? InputRecipe.DEFAULT : inputRecipe.get(),
                shownWindow.get(), shownInvert.get());
        running.set(true);
        progress.set(-1);
        failure.set(null);
        message.set("Running " + choice.name() + " on " + where.message() + "\u2026");
        runner.run(() -> service.analyse(img, input, choice, chosen, where,
                        (done, total, note) -> runner.onUi(() -> {
                            if (id == request) {
                                progress.set(done / (double) total);
                            }
                        }),
                        cancelled::get),
                done -> {
                    if (id == request) {
                        running.set(false);
                        progress.set(1);
                        show(done);
                    }
                },
                error -> {
                    if (id == request) {
                        running.set(false);
                        progress.set(0);
                        if (error instanceof CancellationException) {
                            message.set("Analysis cancelled");
                        } else {
                            failure.set(error);
                            message.set("Analysis failed: " + (error.getMessage() == null
                                    ? error.getClass().getSimpleName() : error.getMessage()));
                        }
                    }
                });
    }

    /** Stops the run in flight (its result, if it still arrives, is dropped). */
    public void cancel() {
        if (running.get()) {
            cancelFlag.set(true);
            request++;
            running.set(false);
            progress.set(0);
            message.set("Analysis cancelled");
        }
    }

    /**
     * In click-a-patch mode, recomputes the point-attention map for the patch under source point (x, y) in the
     * background. Returns false when there is no result or the point lies where the model did not look.
     */
    public boolean clickAt(double sourceX, double sourceY) {
        AnalysisResult r = result.get();
        if (r == null) {
            return false;
        }
        if (!r.attention().available()) {
            message.set(r.unavailable("point").orElse(MethodAvailability.NO_ATTENTIONS));
            return false;
        }
        int[] patch = r.attention().geometry().patchAt(sourceX, sourceY);
        if (patch == null) {
            message.set("The model did not see that point (outside the centre crop)");
            return false;
        }
        clickedPatch.set(patch);
        clickedPoint.set(new double[] {sourceX, sourceY});
        long id = ++pointRequest;
        int l = layer.get();
        int h = head.get();
        runner.run(() -> r.attention().point(patch[0], patch[1], l, h),
                map -> {
                    if (id == pointRequest && r == result.get()) {
                        pointMap.set(map);
                    }
                },
                error -> message.set("Point attention failed: " + error.getMessage()));
        return true;
    }

    private void show(AnalysisResult r) {
        if (head.get() >= r.attention().heads()) {
            head.set(AttentionByLayer.MEAN); // a head the new model lacks: back to the mean, which every model has
        }
        result.set(r);
        int layers = r.attention().layers();
        if (layer.get() < 0 || !r.attention().keptLayers().contains(layer.get())) {
            layer.set(r.attention().lastKeptLayer()); // the last layer until the user picks another
        }
        deriveMaps();
        rolloutMap.set(r.map("rollout").orElse(null));
        pcaMap.set(r.map("pca").orElse(null));
        computeGradCam();
        message.set((r.demo() ? DemoEncoder.BADGE + ". " : "") + r.modelName() + ": "
                + r.attention().geometry().rows() + "\u00d7" + r.attention().geometry().cols() + " patches, "
                + layers + " layers" + (r.attention().available() ? " \u00d7 " + r.attention().heads() + " heads"
                        : " (" + MethodAvailability.NO_ATTENTIONS.toLowerCase(java.util.Locale.ROOT) + ")")
                + r.scores().map(s -> ", " + s.entries().size() + " scores").orElse(""));
    }

    private void computeGradCam() {
        AnalysisResult r = result.get();
        String label = gradCamLabel.get();
        if (r != null && r == camResult && java.util.Objects.equals(label, camLabel)
                && java.util.Objects.equals(headMethod.get(), camMethod)
                && java.util.Objects.equals(headParameters.get(), camParameters)) {
            return; // already computed or in flight for this result and label
        }
        String method = headMethod.get() == null ? AnalysisService.GRAD_CAM : headMethod.get();
        MethodParameters parameters = headParameters.get() == null ? MethodParameters.NONE : headParameters.get();
        camResult = r;
        camLabel = label;
        camMethod = method;
        camParameters = parameters;
        long id = ++camRequest;
        headCancel.set(true);
        // a model without gradients gives no Grad-CAM: its row says so, nothing is asked of the service
        if (r == null || label == null || r.head().isEmpty() || !r.head().get().labels().contains(label)
                || r.unavailable(method).isPresent()) {
            gradCamMap.set(null);
            headRunning.set(false);
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        headCancel = cancelled;
        headRunning.set(true);
        headProgress.set(-1);
        runner.run(() -> service.headMap(r, method, label, parameters,
                        (done, total, note) -> runner.onUi(() -> {
                            if (id == camRequest) {
                                headProgress.set(done / (double) Math.max(1, total));
                            }
                        }), cancelled::get),
                map -> {
                    if (id == camRequest && r == result.get()) {
                        headRunning.set(false);
                        gradCamMap.set(GradCamCaption.withProbability(map, r, label));
                    }
                },
                error -> {
                    if (id == camRequest) {
                        headRunning.set(false);
                        message.set(error instanceof CancellationException ? "Class map cancelled"
                                : methodTitle(method) + " failed: " + error.getMessage());
                    }
                });
    }

    /** The display name of registered method {@code method} ("Grad-CAM++"), or the name itself. */
    public String methodTitle(String method) {
        return service.pipeline().explainers().find(method).map(Explainer::displayName).orElse(method);
    }

    private void deriveMaps() {
        AnalysisResult r = result.get();
        if (r == null) {
            return;
        }
        if (!r.attention().available()) {
            attentionMap.set(null); // the model gives none: the attention and point rows stay empty, greyed out
            pointMap.set(null);
            return;
        }
        int l = Math.max(0, Math.min(layer.get(), r.attention().layers() - 1));
        int h = head.get() >= r.attention().heads() ? AttentionByLayer.MEAN : head.get();
        try {
            attentionMap.set(r.attention().cls(l, h));
            int[] p = clickedPatch.get();
            if (p != null) {
                pointMap.set(r.attention().point(p[0], p[1], l, h));
            }
        } catch (IllegalArgumentException e) {
            // A layer the run did not keep (large models keep only the last one): say so, keep the last map.
            message.set(e.getMessage());
        }
    }

    private void clear() {
        cancel();
        request++;
        pointRequest++;
        result.set(null);
        attentionMap.set(null);
        rolloutMap.set(null);
        pointMap.set(null);
        pcaMap.set(null);
        gradCamMap.set(null);
        camRequest++;
        headCancel.set(true);
        headRunning.set(false);
        clickedPatch.set(null);
        clickedPoint.set(null);
    }

    /** The current scores, if the last run had an adapter. */
    public Optional<AdapterScores> scores() {
        return result.get() == null ? Optional.empty() : result.get().scores();
    }
}
