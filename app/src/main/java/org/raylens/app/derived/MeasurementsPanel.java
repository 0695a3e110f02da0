package org.raylens.app.derived;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import java.util.function.Function;

/**
 * The measurements of the TID 1500 reports on the segmentations of the image on screen: one table row per measured
 * quantity (group, quantity with its derivation, value, units). Bound to {@link DerivedObjectsModel}.
 */
public final class MeasurementsPanel extends VBox {

    public MeasurementsPanel(DerivedObjectsModel model) {
        setId("measurementsPanel");
        setSpacing(4);
        setPadding(new Insets(6));
        TableView<MeasurementRow> table = new TableView<>(model.measurements());
        table.setId("measurementsTable");
        table.getColumns().add(column("Finding", MeasurementRow::group, 90));
        table.getColumns().add(column("Quantity", MeasurementRow::quantity, 170));
        table.getColumns().add(column("Value", MeasurementRow::value, 70));
        table.getColumns().add(column("Units", MeasurementRow::units, 90));
        table.setPlaceholder(new Label("No measurement report (DICOM SR, TID 1500) on this image's segmentations"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().add(table);
    }

    private static TableColumn<MeasurementRow, String> column(String title, Function<MeasurementRow, String> value,
            double width) {
        TableColumn<MeasurementRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
