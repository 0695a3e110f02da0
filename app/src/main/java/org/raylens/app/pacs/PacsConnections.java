package org.raylens.app.pacs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.raylens.app.prefs.PacsSecrets;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.viewer.dicomweb.DicomWebAuth;
import org.raylens.viewer.dicomweb.DicomWebCache;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.DicomWebConfig;
import org.raylens.viewer.dicomweb.DicomWebSourceKind;

/**
 * The DICOMweb clients of the PACS servers the user configured, made on first use (never before: no network until the
 * user searches) and kept for the window's life, with the one instance cache under the user data folder. A server
 * edited in the preferences gets a new client. Thread-safe: the window connects from background tasks.
 */
public final class PacsConnections implements AutoCloseable {

    /** A connected server: its client, and the image source kind that opens its instances through the cache. */
    public record Connection(PacsServer server, DicomWebClient client, DicomWebSourceKind sources) {}

    private final PacsSecrets secrets;
    private final DicomWebCache cache;
    private final Consumer<URI> onRequest;
    private final Map<String, Connection> open = new LinkedHashMap<>();

    /** @param onRequest told every request's URL (a transfer log; tests count what was fetched) */
    public PacsConnections(PacsSecrets secrets, DicomWebCache cache, Consumer<URI> onRequest) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.onRequest = Objects.requireNonNull(onRequest, "onRequest");
    }

    public DicomWebCache cache() {
        return cache;
    }

    /**
     * The connection to {@code server}, made now if it is new or was edited.
     *
     * @throws IllegalArgumentException when the server's settings are not usable (the message says which)
     * @throws IOException              when its secret or CA file cannot be read
     */
    public synchronized Connection connect(PacsServer server) throws IOException {
        String key = server.name + "\u0000" + server.baseUrl + "\u0000" + server.auth + "\u0000" + server.user
                + "\u0000" + server.caFile;
        Connection c = open.get(key);
        if (c == null) {
            DicomWebConfig config = config(server, secrets.secret(server.name));
            DicomWebClient client = new DicomWebClient(config, onRequest);
            c = new Connection(server, client, new DicomWebSourceKind(List.of(client), cache));
            open.put(key, c);
        }
        return c;
    }

    /** The client settings of a configured server and its stored secret. */
    static DicomWebConfig config(PacsServer server, Optional<String> secret) {
        URI url;
        try {
            url = URI.create(server.baseUrl == null ? "" : server.baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PACS server '" + server.name + "': not a URL: " + server.baseUrl, e);
        }
        DicomWebConfig config;
        try {
            config = DicomWebConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PACS server '" + server.name + "': " + e.getMessage(), e);
        }
        switch (server.auth == null ? "none" : server.auth) {
            case "basic" -> {
                if (server.user == null || server.user.isBlank() || secret.isEmpty()) {
                    throw new IllegalArgumentException("PACS server '" + server.name + "' uses HTTP basic "
                            + "authentication: give its user and password in the PACS servers settings");
                }
                config = config.withAuth(DicomWebAuth.basic(server.user, secret.get()));
            }
            case "bearer" -> config = config.withAuth(DicomWebAuth.bearer(secret.orElseThrow(() ->
                    new IllegalArgumentException("PACS server '" + server.name + "' uses a bearer token: give it "
                            + "in the PACS servers settings"))));
            default -> { }
        }
        if (server.caFile != null && !server.caFile.isBlank()) {
            config = config.withExtraCaFile(Path.of(server.caFile));
        }
        return config;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(c -> c.client().close());
        open.clear();
    }
}
