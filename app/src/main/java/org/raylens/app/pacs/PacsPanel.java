package org.raylens.app.pacs;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.viewer.dicomweb.StudySummary;

/**
 * The PACS search panel: the server, the search fields, Search and Cancel with a progress indicator, the studies
 * found and the chosen study's series, and Open (which fills the study browser from the study's metadata). A thin
 * view over {@link PacsSearchModel}; {@code onEditServers} opens the server settings.
 */
public final class PacsPanel extends VBox {

    public PacsPanel(PacsSearchModel model, Runnable onEditServers) {
        setId("pacsPanel");
        setSpacing(6);
        setPadding(new Insets(6));

        ComboBox<PacsServer> server = new ComboBox<>(model.servers());
        server.setId("pacsServer");
        server.setPromptText("No server: add one");
        server.valueProperty().bindBidirectional(model.serverProperty());
        server.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(server, Priority.ALWAYS);
        Button edit = new Button("Servers\u2026", new FontIcon("mdi2s-server-network"));
        edit.setId("pacsServers");
        edit.setOnAction(e -> onEditServers.run());

        GridPane fields = new GridPane();
        fields.setHgap(6);
        fields.setVgap(4);
        int row = 0;
        row = field(fields, row, "Patient name", "pacsPatientName", "DOE^J*", model.patientNameProperty());
        row = field(fields, row, "Patient ID", "pacsPatientId", "", model.patientIdProperty());
        row = field(fields, row, "Study date from", "pacsDateFrom", "2024-01-31", model.dateFromProperty());
        row = field(fields, row, "to", "pacsDateTo", "2024-12-31", model.dateToProperty());
        row = field(fields, row, "Modality", "pacsModality", "DX, CR, CT\u2026", model.modalityProperty());
        field(fields, row, "Accession", "pacsAccession", "", model.accessionProperty());

        Button search = new Button("Search", new FontIcon("mdi2m-magnify"));
        search.setId("pacsSearch");
        search.setDefaultButton(true);
        search.disableProperty().bind(model.busyProperty());
        search.setOnAction(e -> model.search());
        Button cancel = new Button("Cancel", new FontIcon("mdi2s-stop"));
        cancel.setId("pacsCancel");
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("pacsProgress");
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());

        ListView<StudySummary> studies = new ListView<>(model.studies());
        studies.setId("pacsStudies");
        studies.setPrefHeight(160);
        studies.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StudySummary s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : studyLabel(s));
            }
        });
        studies.getSelectionModel().selectedItemProperty().addListener((o, a, now) -> model.showSeries(now));
        ListView<SeriesRow> series = new ListView<>(model.series());
        series.setId("pacsSeries");
        series.setPrefHeight(110);
        series.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SeriesRow s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.label());
            }
        });
        Button open = new Button("Open study", new FontIcon("mdi2f-folder-open-outline"));
        open.setId("pacsOpen");
        open.disableProperty().bind(Bindings.or(model.busyProperty(),
                studies.getSelectionModel().selectedItemProperty().isNull()));
        open.setOnAction(e -> model.open(studies.getSelectionModel().getSelectedItem()));
        studies.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && studies.getSelectionModel().getSelectedItem() != null) {
                model.open(studies.getSelectionModel().getSelectedItem());
            }
        });

        Label message = new Label();
        message.setId("pacsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        message.styleProperty().bind(Bindings.when(model.failedProperty()).then("-fx-text-fill: #c92a2a;")
                .otherwise(""));

        getChildren().addAll(new HBox(6, server, edit), fields, new HBox(6, search, cancel, progress),
                new Label("Studies"), studies, new Label("Series of the chosen study"), series, open, message);
    }

    private static int field(GridPane grid, int row, String label, String id, String prompt,
            javafx.beans.property.StringProperty property) {
        TextField text = new TextField();
        text.setId(id);
        text.setPromptText(prompt);
        text.textProperty().bindBidirectional(property);
        GridPane.setHgrow(text, Priority.ALWAYS);
        grid.addRow(row, new Label(label), text);
        return row + 1;
    }

    /** "2024-01-02  DOE^JOHN (ID)  CT  description  (3 series)". */
    static String studyLabel(StudySummary s) {
        String date = s.studyDate().length() == 8 ? s.studyDate().substring(0, 4) + "-" + s.studyDate().substring(4, 6)
                + "-" + s.studyDate().substring(6) : s.studyDate();
        String text = String.join("  ", date, s.patientName().replace('^', ' ').trim()
                + (s.patientId().isBlank() ? "" : " (" + s.patientId() + ")"), String.join("/", s.modalities()),
                s.description()).trim().replaceAll("\\s{3,}", "  ");
        return text + (s.seriesCount() < 0 ? "" : "  (" + s.seriesCount() + " series)");
    }
}
