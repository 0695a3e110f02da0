package org.raylens.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.app.analysis.AnalysisControls;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AttentionByLayer;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.browser.StudyBrowser;
import org.raylens.app.derived.DerivedLayerBinder;
import org.raylens.app.derived.DerivedLayersPanel;
import org.raylens.app.derived.DerivedObjectsModel;
import org.raylens.app.derived.MeasurementsPanel;
import org.raylens.app.layers.LayerBinder;
import org.raylens.app.layers.LayersPanel;
import org.raylens.app.models.ModelsPanel;
import org.raylens.app.scores.ScoresPanel;
import org.raylens.app.tags.TagBrowser;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.ScaleBarOverlay;

/**
 * The main window's controls, bound to the {@link Workbench} view-models: menus, the study browser on the left, the
 * viewport (or the side-by-side compare) in the centre, the analysis, layers, scores and models panels on the right,
 * banners on top and the status bar below. Holds no state beyond its controls; the actions it offers only call
 * view-models or open dialogs.
 */
public final class MainWindow {

    /** Shown while the demo encoder is active: what the maps are and how to get the real model. */
    public static final String DEMO_BANNER = "No model imported: the Demo encoder has random weights and has learnt "
            + "nothing. For RAD-DINO, download microsoft/rad-dino from the Hugging Face Hub, then Models \u2192 "
            + "Import model folder.";

    private final Workbench bench;
    private final MainWindowModel model;
    private final Viewport viewport;
    private final StudyBrowser browser;
    private final LayerBinder layers;
    private final DerivedObjectsModel derived;
    private final DerivedLayerBinder derivedLayers;
    private final CompareView compare;
    private final ViewerAnnotations annotations;
    private final ErrorNotifier notifier;
    private final org.raylens.app.pacs.PacsWindowParts pacs;
    private final StackPane centre = new StackPane();
    private final SplitPane split = new SplitPane();
    private final BorderPane root = new BorderPane();
    private final TabPane panels = new TabPane();
    private org.raylens.app.similar.window.SimilarWindow similar;

    public MainWindow(Workbench bench) {
        this.bench = bench;
        this.model = bench.main();
        this.viewport = new Viewport(model.viewport());
        viewport.setId("viewport");
        ViewportModel vm = model.viewport();
        viewport.getOverlays().add(new ScaleBarOverlay(() -> vm.getImage() == null ? null
                : vm.getImage().pixelSpacingMm()));
        layers = new LayerBinder(bench.layers(), bench.analysis(), viewport.getOverlays(), 0,
                viewport::requestOverlayRedraw);
        annotations = new ViewerAnnotations(viewport, model.selectedProperty());
        bench.layers().metrics().setMeasurements(() -> annotations.measurements().current());
        browser = new StudyBrowser(bench.browser(), bench.thumbnails(), model.selectedProperty()::set);
        model.selectedProperty().addListener((o, a, now) -> {
            if (now != null) {
                browser.reveal(now);
            }
        });
        compare = new CompareView(vm);
        compare.showMapsOf(bench.analysis(), bench.layers());
        centre.getChildren().add(viewport);
        notifier = new ErrorNotifier(centre);

        panels.setId("sidePanels");
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        derived = new DerivedObjectsModel(model.selectedProperty(), model.instances(), model.runner());
        derivedLayers = new DerivedLayerBinder(derived, layers);
        VBox analysis = new VBox(new AnalysisControls(bench.analysis()), new LayersPanel(bench.layers()),
                new DerivedLayersPanel(derived));
        panels.getTabs().addAll(
                tab("Layers", "mdi2l-layers-outline", scroll(analysis)),
                tab("Measurements", "mdi2r-ruler", new MeasurementsPanel(derived)),
                tab("Scores", "mdi2c-chart-bar", scroll(new ScoresPanel(bench.scores()))),
                tab("Models", "mdi2c-cube-outline", scroll(new ModelsPanel(bench.models(), bench.adapters()))));
        pacs = org.raylens.app.pacs.PacsWindowParts.forWindow(bench.preferences(), bench.savePreferences(),
                model.runner(), model::show);
        panels.getTabs().add(tab("PACS", "mdi2s-server-network", scroll(pacs.panel(this::window))));
        pacs.send().outcomeProperty().addListener((o, a, done) -> notifier.show(pacs.send().messageProperty().get(),
                null));
        pacs.send().failureProperty().addListener((o, a, e) -> notifier.show(pacs.send().messageProperty().get(), e));
        panels.setMinWidth(260);
        browser.setMinWidth(180);
        split.getItems().addAll(browser, notifier.node(), panels);
        var layout = bench.preferences().window;
        split.setDividerPositions(layout.leftDivider, layout.rightDivider);
        split.setId("mainSplit");

        root.setTop(new VBox(new AppMenus(this).menuBar(), syntheticBanner(), demoBanner()));
        root.setCenter(split);
        root.setBottom(new StatusBar(model, bench.analysis()).node());
        root.getStyleClass().add("raylens-main");
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        viewport.addEventHandler(MouseEvent.MOUSE_CLICKED, this::viewportClicked);
        installDragAndDrop();
        bench.export().failureProperty().addListener((o, a, error) -> {
            if (error != null) {
                notifier.show(bench.export().messageProperty().get(), error);
            }
        });
        bench.export().lastWrittenProperty().addListener((o, a, file) -> {
            if (file != null) {
                notifier.show(bench.export().messageProperty().get(), null);
            }
        });
        bench.adapters().failureProperty().addListener((o, a, error) -> {
            if (error != null) {
                notifier.show(bench.adapters().messageProperty().get(), error);
            }
        });
        bench.analysis().failureProperty().addListener((o, a, error) -> {
            if (error != null) {
                notifier.show(bench.analysis().messageProperty().get(), error);
            }
        });
        model.messageProperty().addListener((o, a, text) -> {
            if (text != null && text.startsWith("Could not open")) {
                notifier.show(text, null);
            }
        });
    }

    public Parent root() {
        return root;
    }

    public Viewport viewport() {
        return viewport;
    }

    public StudyBrowser browser() {
        return browser;
    }

    public LayerBinder layerBinder() {
        return layers;
    }

    /** Segments and measurements of the DICOM objects other tools made for the image on screen. */
    public DerivedObjectsModel derivedObjects() {
        return derived;
    }

    public DerivedLayerBinder derivedLayers() {
        return derivedLayers;
    }

    public CompareView compare() {
        return compare;
    }

    /** Corner text, orientation markers, measurements and the raw patch grid of the main viewport. */
    public ViewerAnnotations annotations() {
        return annotations;
    }

    public ErrorNotifier notifier() {
        return notifier;
    }

    /** The PACS source: search panel, servers, "Send results to PACS". */
    public org.raylens.app.pacs.PacsWindowParts pacs() {
        return pacs;
    }

    /** File → Send results to PACS: the DICOM results the view can make, stored on the chosen server. */
    void sendResultsToPacs() {
        pacs.sendResults(bench.export().dicomResultSet());
    }

    /** Shows the Models tab and presses its button {@code buttonId} (the Models menu's items). */
    void runModelsAction(String buttonId) {
        panels.getTabs().stream().filter(t -> "Models".equals(t.getText())).findFirst()
                .ifPresent(t -> panels.getSelectionModel().select(t));
        if (root.lookup("#" + buttonId) instanceof javafx.scene.control.ButtonBase button && !button.isDisabled()) {
            button.fire();
        }
    }

    public Workbench workbench() {
        return bench;
    }

    /** Divider positions of the browser | centre | panels split, for preferences. */
    public double[] dividers() {
        return split.getDividerPositions();
    }

    // ---- actions (menus and keys) -----------------------------------------------------------------------------

    void openFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open images (DICOM, PNG, JPEG, TIFF)");
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            open(files.stream().map(File::toPath).toList());
        }
    }

    void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of images");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            open(List.of(dir.toPath()));
        }
    }

    void openDicomDir() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a DICOMDIR");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("DICOMDIR", "DICOMDIR", "dicomdir"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            open(List.of(file.toPath()));
        }
    }

    /** Opens files, folders or DICOMDIRs and remembers them as a recent study. */
    public void open(List<Path> paths) {
        model.open(paths);
        bench.preferences().rememberRecent(paths.stream().map(p -> p.toAbsolutePath().toString()).toList());
        bench.savePreferences().run();
    }

    void toggleCompare() {
        if (centre.getChildren().contains(viewport)) {
            centre.getChildren().remove(viewport);
            compare.node().getItems().add(viewport);
            centre.getChildren().setAll(compare.node());
            compare.unpin();
        } else {
            compare.node().getItems().remove(viewport);
            centre.getChildren().setAll(viewport);
        }
        focusViewportWhenShown();
    }

    /**
     * Gives the viewport the focus back once it is in the scene again: moving it between the centre and the split
     * takes it out of the scene (a split pane adds its items only at its next layout), and the scene then hands the
     * focus to the first control, the search box, which would swallow the next shortcut.
     */
    private void focusViewportWhenShown() {
        if (viewport.getScene() != null) {
            viewport.requestFocus();
            return;
        }
        viewport.sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> o,
                    javafx.scene.Scene old, javafx.scene.Scene now) {
                if (now != null) {
                    o.removeListener(this);
                    javafx.application.Platform.runLater(viewport::requestFocus);
                }
            }
        });
    }

    /** True while the side-by-side compare is shown. */
    public boolean comparing() {
        return !centre.getChildren().contains(viewport);
    }

    /** L: a PA and the lateral of the same study side by side ({@link Hanging}). */
    void hangChestViews() {
        new Hanging(model, this).hang();
    }

    void pinForCompare() {
        if (!comparing()) {
            toggleCompare();
        }
        compare.pinCurrent();
    }

    /** Find similar (Analysis menu): its window, made once, searching for the current image. */
    void findSimilar() {
        if (similar == null) {
            similar = new org.raylens.app.similar.window.SimilarWindow(window(), model.runner(), bench.preferences(),
                    bench.savePreferences(), bench.analysis()::embeddingOfCurrentImage, this::compareWith);
        }
        similar.showAndFind();
    }

    /** Shows {@code image} beside the current one in the compare view, under {@code caption}. */
    public void compareWith(org.raylens.viewer.image.DisplayableImage image, String caption) {
        if (!comparing()) {
            toggleCompare();
        }
        compare.showBeside(image, caption);
    }

    public org.raylens.app.similar.window.SimilarWindow similarWindow() {
        return similar;
    }

    void showTags() {
        var selected = model.selectedProperty().get();
        if (selected == null) {
            return;
        }
        try {
            var header = selected.source().header(); // kept from the scan: not read again
            if (header.isEmpty()) {
                notifier.show("No DICOM tags: " + selected.source().displayName() + " is not a DICOM file", null);
                return;
            }
            TagBrowser.show(window(), header.get().path(), header.get());
        } catch (Exception e) {
            notifier.show("No DICOM tags: " + e.getMessage(), e);
        }
    }

    /** File-menu entries for export. */
    List<javafx.scene.control.MenuItem> exportMenuItems() {
        return new ExportMenu(this, bench.export()).items();
    }

    /**
     * The view as it is now, for export: image, window, transform, size and the overlays in paint order; the corner
     * text in its export form (left out unless included, then de-identified), so nothing names the patient unasked.
     */
    public org.raylens.app.export.ViewSnapshot snapshot() {
        ViewportModel vm = model.viewport();
        var selected = model.selectedProperty().get();
        return new org.raylens.app.export.ViewSnapshot(
                selected == null ? null : selected.source(), vm.getImage(),
                vm.getWindow(), vm.isInvert(), vm.getTransform(), (int) Math.max(1, Math.floor(vm.viewWidth())),
                (int) Math.max(1, Math.floor(vm.viewHeight())),
                List.copyOf(annotations.forExport(viewport.getOverlays(), false)));
    }

    /** Writes the shown image's measurements, with the ROI statistics of the image and the visible maps, as CSV. */
    void exportMeasurements() {
        var selected = model.selectedProperty().get();
        if (selected == null || annotations.measurements().current().isEmpty()) {
            notifier.show("No measurements on this image to export (M picks a measuring tool)", null);
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export measurements (CSV)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(org.raylens.app.export.ExportNames.of(selected.source(), "measurements.csv"));
        SaveFolder.startIn(chooser, workbench().preferences());
        File file = chooser.showSaveDialog(window());
        if (file == null) {
            return;
        }
        SaveFolder.remember(file.toPath(), workbench());
        try {
            org.raylens.overlays.export.MeasurementsCsv.write(file.toPath(), selected.source().displayName(),
                    annotations.measurementLayer(), true);
            notifier.show("Measurements written to " + file, null);
        } catch (org.raylens.overlays.export.ExportException e) {
            notifier.show("Could not write the measurements: " + e.getMessage(), e);
        }
    }

    void showHelp() {
        HelpDialog.show(window());
    }

    void nextLayer(int delta) {
        AnalysisModel a = bench.analysis();
        if (a.getResult() != null) {
            int n = a.layerCount();
            a.layerProperty().set(Math.floorMod(a.layerProperty().get() + delta, n));
        }
    }

    void nextHead(int delta) {
        AnalysisModel a = bench.analysis();
        if (a.getResult() != null) {
            int n = a.headCount() + 1; // heads, then "mean" (-1)
            int position = a.headProperty().get() == AttentionByLayer.MEAN ? n - 1 : a.headProperty().get();
            int next = Math.floorMod(position + delta, n);
            a.headProperty().set(next == n - 1 ? AttentionByLayer.MEAN : next);
        }
    }

    Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return; // letters typed into the search box are text, not shortcuts
        }
        if (viewport.handleShortcut(e) || e.isConsumed() || e.isControlDown() || e.isAltDown() || e.isMetaDown()
                || e.isShortcutDown()) {
            return;
        }
        boolean used = true;
        switch (e.getCode()) {
            case P -> bench.analysis().clickModeProperty().set(!bench.analysis().clickModeProperty().get());
            case PAGE_UP -> nextLayer(1);
            case PAGE_DOWN -> nextLayer(-1);
            case PLUS, ADD, EQUALS -> nextHead(1);
            case MINUS, SUBTRACT -> nextHead(-1);
            case C -> toggleCompare();
            case L -> hangChestViews();
            case T -> showTags();
            case O -> annotations.toggleAnnotations();
            case G -> annotations.togglePatchCells();
            case ESCAPE -> bench.analysis().cancel();
            default -> used = false;
        }
        if (used) {
            e.consume();
        }
    }

    private void viewportClicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()
                || !bench.analysis().clickModeProperty().get()) {
            return;
        }
        ViewTransform t = model.viewport().getTransform();
        bench.analysis().clickAt(t.toSourceX(e.getX(), e.getY()), t.toSourceY(e.getX(), e.getY()));
    }

    private void installDragAndDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                open(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private Label syntheticBanner() {
        Label banner = new Label();
        banner.setId("syntheticBanner");
        banner.getStyleClass().add("synthetic-banner");
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setAlignment(Pos.CENTER);
        return banner;
    }

    private Label demoBanner() {
        Label banner = new Label(DEMO_BANNER, new FontIcon("mdi2i-information-outline"));
        banner.setId("demoBanner");
        banner.setWrapText(true);
        banner.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> bench.models().activeProperty().get() instanceof EncoderChoice.Demo,
                bench.models().activeProperty()));
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setPadding(new Insets(3, 8, 3, 8));
        banner.setStyle("-fx-background-color: #23395d; -fx-text-fill: #dbe7ff;");
        return banner;
    }

    private static Tab tab(String title, String icon, Node content) {
        Tab tab = new Tab(title, content);
        tab.setGraphic(new FontIcon(icon));
        tab.setId("tab-" + title.toLowerCase());
        return tab;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }
}
