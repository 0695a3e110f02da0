package org.raylens.app.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.raylens.app.export.DicomResultSet;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.dicomweb.StoreResult;

/**
 * "Send results to PACS": writes the DICOM results the view can make (Secondary Capture, Parametric Map,
 * Segmentation, SR, by the same writers as File → Export) into a temporary folder, stores them in one STOW-RS request
 * and reports what the server says it stored and refused, by SOP Instance UID. The temporary files are deleted
 * afterwards, whatever happened; the user's files are never touched. Used from the FX thread.
 */
public final class PacsSendModel {

    /** What one send did: the results sent (kind, SOP Instance UID order as written) and the server's answer. */
    public record Outcome(PacsServer server, List<String> sent, StoreResult stored, List<String> unavailable) {}

    private final PacsConnections connections;
    private final BackgroundRunner runner;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Exception> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private CancellationToken.Source current = CancellationToken.newSource();

    public PacsSendModel(PacsConnections connections, BackgroundRunner runner) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last send's result or error in one line (several lines for what was stored). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last successful send. */
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** The last failed send's error (set anew for each failure). */
    public ReadOnlyObjectProperty<Exception> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Sends {@code results} to {@code server} in the background. */
    public void send(DicomResultSet results, PacsServer server) {
        if (server == null) {
            fail(new IllegalStateException("No PACS server configured: add one in the PACS tab (Servers\u2026)"));
            return;
        }
        if (results.results().isEmpty()) {
            fail(new IllegalStateException("Nothing to send: " + String.join("; ", results.unavailable())));
            return;
        }
        current.cancel();
        CancellationToken.Source token = CancellationToken.newSource();
        current = token;
        busy.set(true);
        message.set("Sending " + results.results().size() + " DICOM objects to " + server.name + "\u2026");
        runner.run(() -> store(results, server, token), done -> {
            busy.set(false);
            message.set(describe(done));
            outcome.set(done);
        }, error -> {
            busy.set(false);
            fail(error instanceof CancellationException ? new IllegalStateException("Sending was cancelled", error)
                    : error);
        });
    }

    public void cancel() {
        current.cancel();
    }

    private Outcome store(DicomResultSet results, PacsServer server, CancellationToken token) throws Exception {
        Path folder = Files.createTempDirectory("raylens-stow");
        List<Path> files = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        try {
            for (DicomResultSet.Result r : results.results()) {
                Path file = folder.resolve(r.fileName());
                r.writer().write(file);
                files.add(file);
                sent.add(r.kind());
            }
            StoreResult stored = connections.connect(server).client().store(files, Progress.NONE, token);
            return new Outcome(server, sent, stored, results.unavailable());
        } finally {
            deleteAll(folder, files);
        }
    }

    private static void deleteAll(Path folder, List<Path> files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        try (var left = Files.list(folder)) {
            for (Path p : left.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(folder);
    }

    /** "Orthanc stored 4 objects: Secondary Capture 1.2…, …" and what it refused, and what could not be made. */
    static String describe(Outcome o) {
        StringBuilder sb = new StringBuilder(o.server().name).append(" stored ").append(o.stored().stored().size())
                .append(" of ").append(o.sent().size()).append(o.sent().size() == 1 ? " object" : " objects");
        for (StoreResult.Stored s : o.stored().stored()) {
            sb.append("\n  stored ").append(kindOf(s.sopClassUid())).append(' ').append(s.sopInstanceUid());
        }
        for (StoreResult.Failed f : o.stored().failed()) {
            sb.append("\n  refused ").append(kindOf(f.sopClassUid())).append(' ').append(f.sopInstanceUid())
                    .append(String.format(" (reason 0x%04X)", f.reason()));
        }
        for (String u : o.unavailable()) {
            sb.append("\n  not made: ").append(u);
        }
        return sb.toString();
    }

    private static String kindOf(String sopClassUid) {
        return switch (sopClassUid) {
            case "1.2.840.10008.5.1.4.1.1.7" -> "Secondary Capture";
            case "1.2.840.10008.5.1.4.1.1.30" -> "Parametric Map";
            case "1.2.840.10008.5.1.4.1.1.66.4" -> "Segmentation";
            case "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.88.22" -> "SR";
            default -> sopClassUid;
        };
    }

    private void fail(Exception e) {
        message.set("Send to PACS failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage()));
        failure.set(null);
        failure.set(e);
    }
}
