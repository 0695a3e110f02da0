package org.raylens.app.tags;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Dialog;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.raylens.viewer.dicom.DicomDictionary;
import org.raylens.viewer.dicom.DicomFile;

/**
 * The DICOM tag browser: the file meta information and the dataset of one file as a tree table (tag, VR, name,
 * value; sequences expand into their items), with a filter box over names, tags and values.
 */
public final class TagBrowser {

    private TagBrowser() {
    }

    /** The tree table for {@code file}; for tests and for the dialog. */
    public static TreeTableView<TagRow> table(DicomFile file) {
        DicomDictionary dict = DicomDictionary.standard();
        List<TagRow> meta = TagRow.of(file.fileMeta(), dict);
        List<TagRow> data = TagRow.of(file.dataset(), dict);
        TreeItem<TagRow> root = new TreeItem<>(new TagRow("", "", "", "", List.of()));
        root.getChildren().add(group("File meta information", meta));
        root.getChildren().add(group("Dataset", data));
        TreeTableView<TagRow> table = new TreeTableView<>(root);
        table.setId("tagTable");
        table.setShowRoot(false);
        table.getColumns().add(column("Tag", tagColumnWidth(root), TagRow::tag));
        table.getColumns().add(column("VR", 40, TagRow::vr));
        table.getColumns().add(column("Name", 260, TagRow::name));
        table.getColumns().add(column("Value", 420, TagRow::value));
        return table;
    }

    /** Shows the tags of {@code file} (read from {@code path}) in a non-modal window. */
    public static void show(Window owner, Path path, DicomFile file) {
        TreeTableView<TagRow> table = table(file);
        TreeItem<TagRow> full = table.getRoot();
        TextField filter = new TextField();
        filter.setPromptText("Filter by tag, name or value");
        filter.textProperty().addListener((o, a, q) -> table.setRoot(q == null || q.isBlank() ? full
                : filtered(full, q.toLowerCase())));
        VBox box = new VBox(6, filter, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPrefSize(860, 620);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(javafx.stage.Modality.NONE);
        dialog.setTitle("DICOM tags \u2014 " + path.getFileName());
        dialog.setResizable(true);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.show();
    }

    /** Tree indentation per level plus the disclosure arrow, as the default tree-table skin lays them out. */
    static final double INDENT_PX = 18;
    static final double CELL_PADDING_PX = 30;

    /**
     * Wide enough for the longest tag at its depth: the tag column is the tree column, so nested sequence items
     * lose one indentation step per level, and a fixed 110 px cut deep tags to "(0008,…".
     */
    static double tagColumnWidth(TreeItem<TagRow> root) {
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(javafx.scene.text.Font.getDefault());
        return Math.max(110, widest(root, 0, probe) + CELL_PADDING_PX);
    }

    private static double widest(TreeItem<TagRow> item, int depth, javafx.scene.text.Text probe) {
        probe.setText(item.getValue().tag());
        double w = depth * INDENT_PX + INDENT_PX + probe.getLayoutBounds().getWidth();
        for (TreeItem<TagRow> c : item.getChildren()) {
            w = Math.max(w, widest(c, depth + 1, probe));
        }
        return w;
    }

    private static TreeItem<TagRow> group(String title, List<TagRow> rows) {
        TreeItem<TagRow> item = new TreeItem<>(new TagRow("", "", title, rows.size() + " elements", rows));
        for (TagRow r : rows) {
            item.getChildren().add(item(r));
        }
        item.setExpanded(true);
        return item;
    }

    private static TreeItem<TagRow> item(TagRow row) {
        TreeItem<TagRow> item = new TreeItem<>(row);
        for (TagRow c : row.children()) {
            item.getChildren().add(item(c));
        }
        return item;
    }

    private static TreeItem<TagRow> filtered(TreeItem<TagRow> at, String q) {
        TreeItem<TagRow> copy = new TreeItem<>(at.getValue());
        copy.setExpanded(true);
        for (TreeItem<TagRow> c : at.getChildren()) {
            TagRow r = c.getValue();
            boolean hit = (r.tag() + " " + r.name() + " " + r.value()).toLowerCase().contains(q);
            if (hit) {
                copy.getChildren().add(c);
            } else {
                TreeItem<TagRow> sub = filtered(c, q);
                if (!sub.getChildren().isEmpty()) {
                    copy.getChildren().add(sub);
                }
            }
        }
        return copy;
    }

    private static TreeTableColumn<TagRow, String> column(String title, double width,
            java.util.function.Function<TagRow, String> value) {
        TreeTableColumn<TagRow, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().getValue() == null ? ""
                : value.apply(f.getValue().getValue())));
        return c;
    }
}
