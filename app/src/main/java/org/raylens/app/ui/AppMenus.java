package org.raylens.app.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.measure.MeasureTool;

/** The menu bar: every action also reachable by a key is listed with it, so menus teach the shortcuts. */
final class AppMenus {

    private final MainWindow window;
    private final Menu recent = new Menu("Open recent");

    AppMenus(MainWindow window) {
        this.window = window;
    }

    MenuBar menuBar() {
        MenuBar bar = new MenuBar(file(), view(), analysis(), models(), help());
        bar.setId("menuBar");
        return bar;
    }

    private Menu file() {
        Menu menu = new Menu("File");
        menu.setId("fileMenu");
        recent.setId("recentMenu");
        recent.setOnShowing(e -> fillRecent());
        fillRecent();
        menu.getItems().addAll(
                item("Open files\u2026", "mdi2f-file-image-outline", "Shortcut+O", window::openFiles),
                item("Open folder\u2026", "mdi2f-folder-open-outline", "Shortcut+Shift+O", window::openFolder),
                item("Open DICOMDIR\u2026", "mdi2d-disc", "Shortcut+D", window::openDicomDir),
                recent,
                new SeparatorMenuItem());
        menu.getItems().addAll(window.exportMenuItems());
        menu.getItems().addAll(new SeparatorMenuItem(),
                item("Quit", "mdi2e-exit-to-app", "Shortcut+Q", () -> {
                    if (window.window() != null) {
                        window.window().hide();
                    }
                }));
        return menu;
    }

    /**
     * What the README and the banners call "Models → Import model folder": each item opens the Models tab and runs its
     * button, so the dialogs and the import exist once, in the panel.
     */
    private Menu models() {
        Menu menu = new Menu("Models");
        menu.setId("modelsMenu");
        menu.getItems().addAll(
                item("Import model folder\u2026", "mdi2f-folder-download-outline", null,
                        () -> window.runModelsAction("importModel")),
                item("Import weights file\u2026", "mdi2f-file-download-outline", null,
                        () -> window.runModelsAction("importModelFile")),
                item("Import adapter folder\u2026", "mdi2f-folder-plus-outline", null,
                        () -> window.runModelsAction("importAdapter")));
        return menu;
    }

    private void fillRecent() {
        recent.getItems().clear();
        List<List<String>> list = window.workbench().preferences().recentStudies;
        if (list.isEmpty()) {
            MenuItem none = new MenuItem("(nothing opened yet)");
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        for (List<String> entry : list) {
            String label = entry.size() == 1 ? entry.get(0) : entry.get(0) + " + " + (entry.size() - 1) + " more";
            MenuItem item = new MenuItem(label);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> window.open(entry.stream().map(Path::of).toList()));
            recent.getItems().add(item);
        }
    }

    private Menu view() {
        ViewportModel vm = window.workbench().main().viewport();
        Menu presets = new Menu("Window presets");
        presets.setOnShowing(e -> {
            presets.getItems().clear();
            List<VoiWindow> list = vm.presets();
            for (int i = 0; i < list.size(); i++) {
                int n = i + 1;
                MenuItem item = new MenuItem((n <= 9 ? n + "  " : "   ") + list.get(i).name());
                item.setMnemonicParsing(false);
                item.setOnAction(ev -> vm.selectPreset(n));
                presets.getItems().add(item);
            }
            MenuItem def = new MenuItem("0  Default window");
            def.setOnAction(ev -> vm.selectDefaultWindow());
            presets.getItems().add(def);
        });
        presets.getItems().add(new MenuItem("(open an image)"));
        Menu menu = new Menu("View");
        menu.getItems().addAll(
                item("Fit to window (F)", "mdi2f-fit-to-screen-outline", null, vm::fit),
                item("Actual pixels 1:1 (A)", "mdi2m-magnify", null, vm::actualPixels),
                item("Rotate clockwise (])", "mdi2r-rotate-right", null, vm::rotateClockwise),
                item("Rotate counter-clockwise ([)", "mdi2r-rotate-left", null, vm::rotateCounterClockwise),
                item("Flip left-right (H)", "mdi2f-flip-horizontal", null, vm::flipHorizontal),
                item("Invert (I)", "mdi2i-invert-colors", null, vm::toggleInvert),
                item("Reset view (R)", "mdi2r-restore", null, vm::reset),
                presets,
                new SeparatorMenuItem(),
                item("Side by side: image | overlays (C)", "mdi2c-compare", null, window::toggleCompare),
                item("Side by side: pin this image, then pick another", "mdi2p-pin-outline", null,
                        window::pinForCompare),
                item("Hang PA + lateral of this study (L)", "mdi2v-view-split-vertical", null,
                        window::hangChestViews),
                item("DICOM tags\u2026 (T)", "mdi2t-tag-text-outline", null, window::showTags),
                new SeparatorMenuItem(),
                check("Corner text and orientation markers (O)", window.annotations().annotationsShown(),
                        window.annotations()::toggleAnnotations),
                check("Raw patch grid on maps (G)", window.annotations().patchCellsShown(),
                        window.annotations()::togglePatchCells),
                measureMenu());
        menu.setOnShowing(e -> menu.getItems().stream().filter(i -> i instanceof CheckMenuItem)
                .map(i -> (CheckMenuItem) i).forEach(c -> c.setSelected(c.getText().endsWith("(O)")
                        ? window.annotations().annotationsShown() : window.annotations().patchCellsShown())));
        return menu;
    }

    /** Measure: the tools the M key cycles through, and deleting. */
    private Menu measureMenu() {
        var store = window.annotations().measurements();
        Menu menu = new Menu("Measure");
        for (MeasureTool tool : MeasureTool.values()) {
            String text = tool == MeasureTool.NONE ? "Pan (no measuring tool)" : "Draw " + tool.label();
            menu.getItems().add(item(text + " (M cycles)", null, null, () -> store.setTool(tool)));
        }
        menu.getItems().addAll(new SeparatorMenuItem(),
                item("Delete last measurement (Delete)", "mdi2d-delete-outline", null, store::removeLast),
                item("Delete all measurements on this image (Shift+Delete)", null, null, store::clear),
                new SeparatorMenuItem(),
                item("Export measurements (CSV)\u2026", "mdi2t-table-arrow-right", null, window::exportMeasurements));
        return menu;
    }

    private static CheckMenuItem check(String text, boolean selected, Runnable toggle) {
        CheckMenuItem item = new CheckMenuItem(text);
        item.setMnemonicParsing(false);
        item.setSelected(selected);
        item.setOnAction(e -> toggle.run());
        return item;
    }

    private Menu analysis() {
        var a = window.workbench().analysis();
        CheckMenuItem click = new CheckMenuItem("Click-a-patch mode (P)");
        click.selectedProperty().bindBidirectional(a.clickModeProperty());
        Menu menu = new Menu("Analysis");
        menu.getItems().addAll(
                item("Analyse image", "mdi2p-play", "Shortcut+R", a::run),
                item("Cancel (Esc)", "mdi2s-stop", null, a::cancel),
                item("Find similar\u2026", "mdi2i-image-search-outline", "Shortcut+Shift+F", window::findSimilar),
                new SeparatorMenuItem(),
                click,
                item("Next layer (Page Up)", null, null, () -> window.nextLayer(1)),
                item("Previous layer (Page Down)", null, null, () -> window.nextLayer(-1)),
                item("Next head (+)", null, null, () -> window.nextHead(1)),
                item("Previous head (-)", null, null, () -> window.nextHead(-1)));
        return menu;
    }

    private Menu help() {
        Menu menu = new Menu("Help");
        menu.getItems().add(item("Keyboard shortcuts", "mdi2k-keyboard-outline", "F1", window::showHelp));
        return menu;
    }

    static MenuItem item(String text, String icon, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(false);
        if (icon != null) {
            item.setGraphic(new FontIcon(icon));
        }
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
