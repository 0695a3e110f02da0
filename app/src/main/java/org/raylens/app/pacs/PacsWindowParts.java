package org.raylens.app.pacs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import org.raylens.app.AppDirectories;
import org.raylens.app.export.DicomResultSet;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.prefs.PacsSecrets;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.viewer.dicomweb.DicomWebCache;

/**
 * The window's PACS source, composed in one place: the server list (the preferences' list, saved when edited), the
 * secrets beside the preferences, the connections with the instance cache under the user data folder, the search
 * panel and "Send results to PACS". {@link #forWindow} uses the user's folders; tests pass their own.
 */
public final class PacsWindowParts implements AutoCloseable {

    /** The bound of the window's instance cache: a few hundred radiographs. */
    public static final long CACHE_BYTES = 4L << 30;

    private final ObservableList<PacsServer> servers;
    private final PacsSecrets secrets;
    private final PacsConnections connections;
    private final PacsSearchModel search;
    private final PacsSendModel send;
    private final Runnable save;

    public PacsWindowParts(Preferences prefs, Runnable save, PacsSecrets secrets, DicomWebCache cache,
            BackgroundRunner runner, Consumer<LoadedStudy> onOpen, Consumer<java.net.URI> onRequest) {
        this.servers = FXCollections.observableArrayList(prefs.pacsServers);
        this.secrets = secrets;
        this.save = save;
        servers.addListener((javafx.beans.Observable o) -> prefs.pacsServers = new ArrayList<>(servers));
        this.connections = new PacsConnections(secrets, cache, onRequest);
        this.search = new PacsSearchModel(servers, connections, runner, onOpen);
        this.send = new PacsSendModel(connections, runner);
    }

    /** With the user's config and data folders. */
    public static PacsWindowParts forWindow(Preferences prefs, Runnable save, BackgroundRunner runner,
            Consumer<LoadedStudy> onOpen) {
        Path data = AppDirectories.dataDir();
        return new PacsWindowParts(prefs, save, new PacsSecrets(AppDirectories.configDir()),
                new DicomWebCache(AppDirectories.dicomWebCacheDir(data), CACHE_BYTES), runner, onOpen, url -> { });
    }

    public PacsSearchModel search() {
        return search;
    }

    public PacsSendModel send() {
        return send;
    }

    /** The PACS tab's content. */
    public PacsPanel panel(Supplier<Window> owner) {
        return new PacsPanel(search, () -> PacsServersDialog.show(owner.get(), servers, secrets, save));
    }

    /** Sends what the view can make to the server chosen in the search panel. */
    public void sendResults(DicomResultSet results) {
        send.send(results, search.serverProperty().get());
    }

    @Override
    public void close() {
        connections.close();
    }
}
