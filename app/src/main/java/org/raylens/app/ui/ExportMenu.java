package org.raylens.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.stage.FileChooser;
import org.raylens.app.export.ExportModel;

/** The File menu's export entries: file choosers in front of {@link ExportModel}'s actions. */
final class ExportMenu {

    private final MainWindow window;
    private final ExportModel export;

    ExportMenu(MainWindow window, ExportModel export) {
        this.window = window;
        this.export = export;
    }

    List<MenuItem> items() {
        CheckMenuItem identity = new CheckMenuItem("Include patient name, ID and birth date in exports");
        identity.setId("exportIdentity");
        identity.selectedProperty().bindBidirectional(export.includeIdentityProperty());
        Menu dpi = new Menu("PNG resolution");
        ToggleGroup group = new ToggleGroup();
        for (int d : new int[] {96, 150, 300, 600}) {
            RadioMenuItem item = new RadioMenuItem(d + " dpi" + (d == 96 ? " (screen pixels)" : ""));
            item.setToggleGroup(group);
            item.setSelected(export.dpiProperty().get() == d);
            item.setOnAction(e -> export.dpiProperty().set(d));
            dpi.getItems().add(item);
        }
        return List.of(
                AppMenus.item("Export figure (PNG, SVG, PDF)\u2026", "mdi2f-file-export-outline", "Shortcut+E",
                        () -> choose("Export figure", export.suggestedName("figure.png"), export::exportFigure,
                                filter("PNG image", "*.png"), filter("SVG drawing", "*.svg"),
                                filter("PDF document", "*.pdf"))),
                AppMenus.item("Export multi-panel figure\u2026", "mdi2v-view-column-outline", null,
                        () -> choose("Export multi-panel figure", export.suggestedName("panels.png"), export::exportMultiPanel,
                                filter("PNG image", "*.png"), filter("SVG drawing", "*.svg"),
                                filter("PDF document", "*.pdf"))),
                AppMenus.item("Export DICOM Secondary Capture\u2026", "mdi2f-file-image-outline", null,
                        () -> choose("Export DICOM Secondary Capture", export.suggestedName("raylens-sc.dcm"),
                                export::exportSecondaryCapture, filter("DICOM", "*.dcm"))),
                AppMenus.item("Export map as DICOM Parametric Map\u2026", "mdi2f-file-image-outline", null,
                        () -> choose("Export DICOM Parametric Map", export.suggestedName("raylens-pmap.dcm"),
                                export::exportParametricMap, filter("DICOM", "*.dcm"))),
                AppMenus.item("Export mask as DICOM Segmentation\u2026", "mdi2f-file-image-outline", null,
                        () -> choose("Export DICOM Segmentation", export.suggestedName("raylens-seg.dcm"),
                                export::exportSegmentation, filter("DICOM", "*.dcm"))),
                AppMenus.item("Export scores as DICOM SR\u2026", "mdi2f-file-document-outline", null,
                        () -> choose("Export DICOM SR", export.suggestedName("raylens-sr.dcm"),
                                export::exportScoresReport, filter("DICOM", "*.dcm"))),
                AppMenus.item("Export scores (CSV)\u2026", "mdi2t-table-arrow-right", null,
                        () -> choose("Export scores", export.suggestedName("scores.csv"), export::exportScoresCsv,
                                filter("CSV", "*.csv"))),
                AppMenus.item("Send results to PACS\u2026", "mdi2c-cloud-upload-outline", null,
                        window::sendResultsToPacs),
                dpi, identity);
    }

    private static FileChooser.ExtensionFilter filter(String name, String pattern) {
        return new FileChooser.ExtensionFilter(name, pattern);
    }

    private void choose(String title, String initialName, Consumer<Path> action,
            FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(initialName);
        chooser.getExtensionFilters().addAll(filters);
        SaveFolder.startIn(chooser, window.workbench().preferences());
        File file = chooser.showSaveDialog(window.window());
        if (file == null) {
            return;
        }
        Path path = file.toPath();
        SaveFolder.remember(path, window.workbench());
        String name = path.getFileName().toString();
        FileChooser.ExtensionFilter chosen = chooser.getSelectedExtensionFilter();
        if (!name.contains(".") && chosen != null) {
            path = path.resolveSibling(name + chosen.getExtensions().get(0).substring(1));
        }
        action.accept(path);
    }
}
