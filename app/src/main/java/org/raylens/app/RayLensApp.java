package org.raylens.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.browser.StudyBrowserModel;
import org.raylens.app.browser.ThumbnailCache;
import org.raylens.app.export.ExportModel;
import org.raylens.app.layers.LayersModel;
import org.raylens.app.models.ModelValidator;
import org.raylens.app.models.AdaptersModel;
import org.raylens.app.models.ModelsModel;
import org.raylens.inference.hub.HubCache;
import org.raylens.inference.hub.HubSettings;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.prefs.PreferencesStore;
import org.raylens.app.scores.ScoresModel;
import javafx.application.Platform;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.app.task.CudaDriver;
import org.raylens.app.task.DeferredStartup;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.app.task.FxBackgroundRunner;
import org.raylens.app.task.ShutdownWatchdog;
import org.raylens.app.ui.MainWindow;
import org.raylens.app.ui.MainWindowModel;
import org.raylens.app.ui.Workbench;
import org.raylens.resources.RayLensResources;

/**
 * The JavaFX application, the composition root of the window: loads preferences, builds the view-models, the window
 * on them, and opens what the command line names (or the bundled synthetic sample study). Launched by
 * {@link RayLensLauncher}; tests construct it with a fake loader, a same-thread runner and a temporary config folder.
 *
 * <p>{@code --demo-run} on the command line (or system property {@code raylens.demoRun=true}) runs the demo analysis
 * as soon as the first image is shown: for screenshots and first-time users' "show me" link.
 */
public final class RayLensApp extends Application {

    public static final String TITLE = "RayLens";
    public static final String DEMO_RUN_FLAG = "--demo-run";
    /**
     * How long the process may take to end once the window has closed before the watchdog halts it; with the JVM's
     * own exit this keeps a close request's effect under 2 s, whatever start-up work is still running.
     */
    public static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);
    /** How long after the window appears held-back start-up work (the GPU probe) begins. */
    static final Duration STARTUP_SETTLE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RayLensApp.class.getName());

    private final StudyLoader loader;
    private final BackgroundRunner runner;
    private final BackgroundRunner analysisRunner;
    private final BackgroundRunner thumbnailRunner;
    private final PreferencesStore store;
    /** The GPU probe, or null (tests); held back until the window has settled ({@link DeferredStartup}). */
    private final java.util.concurrent.Callable<ComputeTarget> gpuProbe;
    private final DeferredStartup deferred = new DeferredStartup(STARTUP_SETTLE, Platform::runLater);
    private final List<AutoCloseable> owned = new java.util.ArrayList<>();
    private final ShutdownWatchdog watchdog;
    private boolean closing;
    private MainWindow window;
    private Workbench bench;
    private AnalysisService service;

    /** Used by {@link Application#launch}: the real loader, background threads, the user's config folder. */
    public RayLensApp() {
        this.loader = ViewerWiring.studyLoader(AppDirectories.dataDir());
        // Two loader threads: listing a study and decoding the selected image can overlap; more would only compete
        // for the memory bandwidth that decoding a large radiograph needs. Inference and thumbnails get their own
        // threads so a long forward pass never delays showing an image.
        FxBackgroundRunner images = new FxBackgroundRunner("loader", 2);
        FxBackgroundRunner inference = new FxBackgroundRunner("inference", 1);
        FxBackgroundRunner thumbs = new FxBackgroundRunner("thumbnails", 1);
        owned.addAll(List.of(images, inference, thumbs));
        this.runner = images;
        this.analysisRunner = inference;
        this.thumbnailRunner = thumbs;
        this.store = new PreferencesStore(AppDirectories.configDir());
        this.gpuProbe = RayLensApp::probeGpu;
        this.watchdog = ShutdownWatchdog.halting(SHUTDOWN_GRACE);
    }

    /** For tests and embedding: everything injected, nothing owned; preferences in {@code configDir}. */
    public RayLensApp(StudyLoader loader, BackgroundRunner runner, Path configDir) {
        this(loader, runner, configDir, ShutdownWatchdog.embedded(), null);
    }

    /**
     * For tests of closing: like {@link #RayLensApp(StudyLoader, BackgroundRunner, Path)}, but the app owns
     * {@code runner} (closing the window cancels its work) and arms {@code watchdog} when the window closes.
     */
    RayLensApp(StudyLoader loader, FxBackgroundRunner runner, Path configDir, ShutdownWatchdog watchdog) {
        this(loader, runner, configDir, watchdog, null);
    }

    /** For tests of start-up work: as above, with a GPU probe of the test's own (a slow one). */
    RayLensApp(StudyLoader loader, FxBackgroundRunner runner, Path configDir, ShutdownWatchdog watchdog,
            java.util.concurrent.Callable<ComputeTarget> gpuProbe) {
        this(loader, (BackgroundRunner) runner, configDir, watchdog, gpuProbe);
        owned.add(runner);
    }

    private RayLensApp(StudyLoader loader, BackgroundRunner runner, Path configDir, ShutdownWatchdog watchdog,
            java.util.concurrent.Callable<ComputeTarget> gpuProbe) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.analysisRunner = runner;
        this.thumbnailRunner = runner;
        this.store = new PreferencesStore(configDir);
        this.gpuProbe = gpuProbe;
        this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
    }

    /** The window icons in every bundled size (the window system picks the one it needs). */
    static java.util.List<javafx.scene.image.Image> windowIcons() {
        return RayLensResources.iconPngs().stream()
                .map(u -> new javafx.scene.image.Image(u.toExternalForm())).toList();
    }

    @Override
    public void start(Stage stage) {
        Preferences prefs = store.load();
        Runnable save = () -> store.trySave(prefs);
        MainWindowModel main = new MainWindowModel(loader, runner);
        service = new AnalysisService();
        AnalysisModel analysis = new AnalysisModel(service, analysisRunner);
        analysis.imageProperty().bind(main.viewport().imageProperty());
        analysis.shownWindowProperty().bind(main.viewport().windowProperty());
        analysis.shownInvertProperty().bind(main.viewport().invertProperty());
        analysis.inputRecipeProperty().set(InputRecipe.parse(prefs.inputRecipe));
        analysis.inputRecipeProperty().addListener((o, was, now) -> {
            prefs.inputRecipe = (now == null ? InputRecipe.DEFAULT : now).id();
            save.run();
        });
        ModelsModel models = new ModelsModel(prefs, save, analysisRunner, ModelValidator.encoderLoader());
        models.scanHubCache(new HubCache(new HubSettings(System.getenv(), Path.of(System.getProperty("user.home")))
                .cacheFolder())::list);
        analysis.encoderProperty().bind(models.activeProperty());
        AdaptersModel adapters = new AdaptersModel(prefs, save, analysisRunner, service::checkAdapter,
                models.activeProperty(), models::target);
        analysis.adaptersProperty().bind(adapters.selectionProperty());
        models.useGpuProperty().addListener((o, a, b) -> analysis.targetProperty().set(models.target()));
        models.fastModeProperty().addListener((o, a, b) -> analysis.targetProperty().set(models.target()));
        LayersModel layers = new LayersModel(analysis, prefs.defaultColormap, prefs.defaultOpacity);
        ExportModel export = new ExportModel(() -> window.snapshot(), analysis, analysisRunner);
        bench = new Workbench(main, new StudyBrowserModel(main.instances(), main.withoutSource()),
                new ThumbnailCache(loader, thumbnailRunner), analysis, layers, new ScoresModel(analysis),
                models, adapters, export, prefs, save);
        analysis.gradCamLabelProperty().bindBidirectional(bench.scores().selectedLabelProperty());
        window = new MainWindow(bench);
        stage.setTitle(TITLE);
        stage.getIcons().setAll(windowIcons());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // Never larger than the screen: small laptop screens (and the headless test screen) must show it all.
        Scene scene = new Scene(window.root(), Math.min(prefs.window.width, screen.getWidth()),
                Math.min(prefs.window.height, screen.getHeight()));
        scene.getStylesheets().add(RayLensResources.styleSheet());
        stage.setScene(scene);
        if (Double.isFinite(prefs.window.x) && Double.isFinite(prefs.window.y)
                && !Screen.getScreensForRectangle(prefs.window.x, prefs.window.y, 100, 100).isEmpty()) {
            stage.setX(prefs.window.x);
            stage.setY(prefs.window.y);
        }
        stage.setMaximized(prefs.window.maximized);
        stage.setOnHiding(e -> rememberLayout(stage, prefs));
        // Closing the window ends RayLens at once, whatever start-up work (sample generation, thumbnails, the GPU
        // probe that loads libtorch) is still running: no close handler waits for it or vetoes.
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> shutDown("the window closed"));
        // The watchdog's grace counts from the request itself, not from the end of hiding (saving the layout, the
        // hidden handlers): RayLens never vetoes a close, so a request always ends the process.
        stage.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            watchdog.arm();
            deferred.close();
        });
        stage.show();
        window.viewport().requestFocus();
        if (!store.lastProblem().isEmpty()) {
            window.notifier().show(store.lastProblem(), null);
        }
        if (gpuProbe != null) {
            deferred.schedule(() -> models.detectGpu(gpuProbe));
        }
        deferred.start();
        if (demoRunRequested()) {
            applyScreenshotOptions(bench);
            runWhenImageShown(main, analysis);
        }
        List<Path> inputs = inputs();
        if (inputs.isEmpty()) {
            main.open(inputs);
        } else {
            window.open(inputs);
        }
    }

    /** CUDA when a driver may be there; otherwise CPU at once, without loading libtorch to find out. */
    static ComputeTarget probeGpu() {
        return CudaDriver.mayBePresent() ? ModelsModel.probeGpu() : ComputeTarget.cpu();
    }

    /** The window, once started; for tests. */
    public MainWindow window() {
        return window;
    }

    public Workbench workbench() {
        return bench;
    }

    /** The analysis service of the window, once started; for tests. */
    public AnalysisService service() {
        return service;
    }

    @Override
    public void stop() {
        shutDown("the platform is exiting");
    }

    /**
     * Arms the watchdog first (so nothing below can hold the exit up for longer than {@link #SHUTDOWN_GRACE}), then
     * cancels background work. Runs once, on the FX thread, when the window has closed or the platform exits.
     */
    private void shutDown(String why) {
        if (closing) {
            return;
        }
        closing = true;
        watchdog.arm();
        deferred.close();
        LOG.info(() -> "closing: " + why + "; cancelling background work");
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not cancel " + c, e);
            }
        }
        if (service != null) {
            // AnalysisService is synchronized: closing it waits for a forward pass in flight, which must not delay
            // the exit, so it is released on a daemon thread (the process may end first; the OS frees the memory).
            AnalysisService models = service;
            Thread release = new Thread(models::close, "raylens-release-models");
            release.setDaemon(true);
            release.start();
        }
    }

    /** Whether the window has closed and background work was cancelled; for tests. */
    boolean isClosing() {
        return closing;
    }

    private void rememberLayout(Stage stage, Preferences prefs) {
        prefs.window.maximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            prefs.window.x = stage.getX();
            prefs.window.y = stage.getY();
            prefs.window.width = stage.getWidth();
            prefs.window.height = stage.getHeight();
        }
        double[] d = window.dividers();
        if (d.length == 2) {
            prefs.window.leftDivider = d[0];
            prefs.window.rightDivider = d[1];
        }
        store.trySave(prefs);
    }

    /**
     * Options for documentation screenshots, applied once the demo run's result is in: {@code --show-panel=NAME}
     * selects a side tab (layers, scores, models), {@code --layers=a,b} shows exactly those layers (attention,
     * rollout, gradcam, pca), {@code --export-multipanel=FILE} writes the multi-panel figure.
     */
    private void applyScreenshotOptions(Workbench bench) {
        List<String> raw = getParameters() == null ? List.of() : getParameters().getRaw();
        org.raylens.app.shots.ClassMapShotOptions.apply(raw, bench);
        bench.analysis().resultProperty().addListener((o, a, r) -> {
            if (r == null) {
                return;
            }
            for (String arg : raw) {
                if (arg.startsWith("--layers=")) {
                    List<String> names = List.of(arg.substring(9).toLowerCase(java.util.Locale.ROOT).split(","));
                    for (var row : bench.layers().rows()) {
                        row.visibleProperty().set(names.contains(row.kind().id()));
                    }
                } else if (arg.startsWith("--show-panel=")) {
                    String tab = "#tab-" + arg.substring(13).toLowerCase(java.util.Locale.ROOT);
                    var pane = (javafx.scene.control.TabPane) window.root().lookup("#sidePanels");
                    pane.getTabs().stream().filter(t -> ("#" + t.getId()).equals(tab)).findFirst()
                            .ifPresent(t -> pane.getSelectionModel().select(t));
                } else if (arg.startsWith("--export-multipanel=")) {
                    Path target = Path.of(arg.substring(20));
                    // after Grad-CAM (computed right after the result) has arrived
                    bench.analysis().gradCamMapProperty().addListener((oo, aa, map) -> {
                        if (map != null) {
                            bench.export().exportMultiPanel(target);
                        }
                    });
                }
            }
        });
    }

    private static void runWhenImageShown(MainWindowModel main, AnalysisModel analysis) {
        main.viewport().imageProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends org.raylens.viewer.image.DisplayableImage> o,
                    org.raylens.viewer.image.DisplayableImage a, org.raylens.viewer.image.DisplayableImage now) {
                if (now != null) {
                    o.removeListener(this);
                    javafx.application.Platform.runLater(analysis::run);
                }
            }
        });
    }

    private boolean demoRunRequested() {
        return Boolean.getBoolean("raylens.demoRun")
                || getParameters() != null && getParameters().getRaw().contains(DEMO_RUN_FLAG);
    }

    private List<Path> inputs() {
        Parameters parameters = getParameters();
        if (parameters == null) {
            return List.of();
        }
        return parameters.getRaw().stream().filter(a -> !a.startsWith("--")).map(Path::of).toList();
    }
}
