package org.raylens.app.pacs;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicomweb.StudyQuery;
import org.raylens.viewer.dicomweb.StudySummary;

/**
 * The PACS search panel without controls: the configured servers, the search fields (patient name and ID, a study
 * date range, modality, accession number), the studies found, the series of the chosen study, and opening a study
 * into the browser from its metadata ({@link PacsStudyOpener}). Every exchange runs through the
 * {@link BackgroundRunner} with a {@link CancellationToken} the Cancel button trips; a newer request drops an older
 * one's result; every failure (server down, 4xx, 5xx, timeout, a bad setting) ends as one line in {@link #message()},
 * never as a hang: the client's timeouts bound every wait. Nothing connects until {@link #search()}.
 *
 * <p>Used from the FX thread only (the runner delivers results there).
 */
public final class PacsSearchModel {

    private final ObservableList<PacsServer> servers;
    private final PacsConnections connections;
    private final BackgroundRunner runner;
    private final Consumer<LoadedStudy> onOpen;
    private final ObjectProperty<PacsServer> server = new SimpleObjectProperty<>(this, "server");
    private final StringProperty patientName = new SimpleStringProperty(this, "patientName", "");
    private final StringProperty patientId = new SimpleStringProperty(this, "patientId", "");
    private final StringProperty dateFrom = new SimpleStringProperty(this, "dateFrom", "");
    private final StringProperty dateTo = new SimpleStringProperty(this, "dateTo", "");
    private final StringProperty modality = new SimpleStringProperty(this, "modality", "");
    private final StringProperty accession = new SimpleStringProperty(this, "accession", "");
    private final ObservableList<StudySummary> studies = FXCollections.observableArrayList();
    private final ObservableList<SeriesRow> series = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private CancellationToken.Source current = CancellationToken.newSource();
    private long request;

    /**
     * @param servers the configured servers (the preferences' list, kept in step by the settings dialog)
     * @param onOpen  shows an opened study in the window (the browser fills from it; no pixels fetched yet)
     */
    public PacsSearchModel(ObservableList<PacsServer> servers, PacsConnections connections, BackgroundRunner runner,
            Consumer<LoadedStudy> onOpen) {
        this.servers = Objects.requireNonNull(servers, "servers");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
        if (!servers.isEmpty()) {
            server.set(servers.get(0));
        }
        servers.addListener((javafx.beans.Observable o) -> {
            if (server.get() == null || !servers.contains(server.get())) {
                server.set(servers.isEmpty() ? null : servers.get(0));
            }
        });
    }

    public ObservableList<PacsServer> servers() {
        return servers;
    }

    public ObjectProperty<PacsServer> serverProperty() {
        return server;
    }

    public StringProperty patientNameProperty() {
        return patientName;
    }

    public StringProperty patientIdProperty() {
        return patientId;
    }

    /** YYYYMMDD (or YYYY-MM-DD), or empty for no lower bound. */
    public StringProperty dateFromProperty() {
        return dateFrom;
    }

    /** YYYYMMDD (or YYYY-MM-DD), or empty for no upper bound. */
    public StringProperty dateToProperty() {
        return dateTo;
    }

    public StringProperty modalityProperty() {
        return modality;
    }

    public StringProperty accessionProperty() {
        return accession;
    }

    public ObservableList<StudySummary> studies() {
        return studies;
    }

    /** The series of the study last chosen with {@link #showSeries}. */
    public ObservableList<SeriesRow> series() {
        return series;
    }

    /** True while a request is in flight (the panel shows its progress and enables Cancel). */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True when the last request failed ({@link #message()} says why). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** What happened last, in one line: counts found, what was opened, or what went wrong and what to do. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** QIDO-RS study search on the chosen server with the fields as they are. */
    public void search() {
        PacsServer s = server.get();
        if (s == null) {
            fail("No PACS server configured: add one with \u201cServers\u2026\u201d (name and DICOMweb URL, e.g. "
                    + "http://localhost:8042/dicom-web for Orthanc)");
            return;
        }
        StudyQuery query;
        try {
            query = query();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        series.clear();
        start("Searching " + s.name + "\u2026", token -> connections.connect(s).client().searchStudies(query, token),
                found -> {
                    studies.setAll(found);
                    message.set(found.size() + (found.size() == 1 ? " study" : " studies") + " found on " + s.name);
                });
    }

    /** QIDO-RS: the series of {@code study}. */
    public void showSeries(StudySummary study) {
        PacsServer s = server.get();
        if (study == null || s == null) {
            series.clear();
            return;
        }
        start("Listing the series of " + study.studyInstanceUid() + "\u2026",
                token -> connections.connect(s).client().listSeries(study.studyInstanceUid(), token).stream()
                        .map(SeriesRow::of).toList(),
                rows -> {
                    series.setAll(rows);
                    message.set(rows.size() + " series in "
                            + (study.description().isBlank() ? study.studyInstanceUid() : study.description()));
                });
    }

    /** WADO-RS metadata of {@code study}, then the study into the browser; pixels come when an image is shown. */
    public void open(StudySummary study) {
        PacsServer s = server.get();
        if (study == null || s == null) {
            fail("Choose a study to open");
            return;
        }
        start("Opening " + study.studyInstanceUid() + " (metadata)\u2026",
                token -> PacsStudyOpener.open(connections.connect(s), connections, study.studyInstanceUid(), token),
                loaded -> {
                    int n = loaded.instances().size();
                    message.set("Opened " + n + (n == 1 ? " image" : " images") + " from " + s.name
                            + (loaded.withoutSource().isEmpty() ? "" : " and " + loaded.withoutSource().size()
                                    + " derived objects whose source is not in the study"));
                    onOpen.accept(loaded);
                });
    }

    /** Stops the request in flight; its result, if it still arrives, is dropped. */
    public void cancel() {
        if (busy.get()) {
            current.cancel();
            request++;
            busy.set(false);
            message.set("Cancelled");
        }
    }

    StudyQuery query() {
        StudyQuery q = StudyQuery.all();
        if (!blank(patientName)) {
            q = q.withPatientName(patientName.get().trim());
        }
        if (!blank(patientId)) {
            q = q.withPatientId(patientId.get().trim());
        }
        String from = date(dateFrom, "from");
        String to = date(dateTo, "to");
        if (!from.isEmpty() || !to.isEmpty()) {
            q = q.withStudyDate(from.equals(to) ? from : from + "-" + to);
        }
        if (!blank(modality)) {
            q = q.withModality(modality.get().trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (!blank(accession)) {
            q = q.withAccessionNumber(accession.get().trim());
        }
        return q;
    }

    private static String date(StringProperty p, String which) {
        String d = p.get() == null ? "" : p.get().trim().replace("-", "");
        if (!d.isEmpty() && !d.matches("\\d{8}")) {
            throw new IllegalArgumentException("The study date " + which + " must be a date like 2024-01-31, not '"
                    + p.get() + "'");
        }
        return d;
    }

    private static boolean blank(StringProperty p) {
        return p.get() == null || p.get().isBlank();
    }

    /** Blocking work given the request's token. */
    @FunctionalInterface
    interface Work<T> {
        T run(CancellationToken token) throws Exception;
    }

    private <T> void start(String what, Work<T> work, Consumer<T> onDone) {
        current.cancel(); // one exchange at a time: a new search supersedes the one in flight
        CancellationToken.Source token = CancellationToken.newSource();
        current = token;
        long id = ++request;
        busy.set(true);
        failed.set(false);
        message.set(what);
        runner.run(() -> work.run(token), result -> {
            if (id == request) {
                busy.set(false);
                onDone.accept(result);
            }
        }, error -> {
            if (id == request) {
                busy.set(false);
                if (error instanceof CancellationException) {
                    message.set("Cancelled");
                } else {
                    fail(describe(error));
                }
            }
        });
    }

    private void fail(String text) {
        failed.set(true);
        message.set(text);
    }

    /** The error as the panel says it: the typed DICOMweb messages already name the URL and what to do. */
    static String describe(Exception e) {
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        return "PACS: " + text;
    }

    /** The servers' names, for tests and menus. */
    public List<String> serverNames() {
        return servers.stream().map(s -> s.name).toList();
    }
}
