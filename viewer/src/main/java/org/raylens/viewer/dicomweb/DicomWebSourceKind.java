package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.ImageSourceKind;

/**
 * The {@code dicomweb+http(s):} kind ({@link DicomWebUri}): DICOMweb instances, opened through the {@link
 * DicomWebCache} and then decoded like local files. It connects only to servers it was given: the instance that
 * {@link java.util.ServiceLoader} makes knows none, so it claims these URIs (no other kind reads them) but refuses to
 * open any, without touching the network; the app builds a registry with a kind made from the servers the user
 * configured ({@link #DicomWebSourceKind(List, DicomWebCache)}).
 */
public final class DicomWebSourceKind implements ImageSourceKind {

    static final double SCORE = 1.0;

    private final List<DicomWebClient> servers;
    private final DicomWebCache cache;
    private final FileSourceKind files;

    /** For {@link java.util.ServiceLoader}: no configured server, so no URI opens and nothing connects. */
    public DicomWebSourceKind() {
        this.servers = List.of();
        this.cache = null;
        this.files = new FileSourceKind();
    }

    /** @param servers the configured servers, matched to a URI by base URL */
    public DicomWebSourceKind(List<DicomWebClient> servers, DicomWebCache cache) {
        this.servers = List.copyOf(servers);
        this.cache = Objects.requireNonNull(cache, "cache");
        this.files = new FileSourceKind();
    }

    @Override
    public String name() {
        return "dicomweb";
    }

    @Override
    public double supportScore(URI uri) {
        return DicomWebUri.hasScheme(uri) ? SCORE : 0;
    }

    @Override
    public ImageSource open(URI uri) throws ImageSourceException {
        DicomWebUri address = DicomWebUri.parse(uri);
        DicomWebClient client = servers.stream().filter(s -> s.config().baseUrl().equals(address.baseUrl()))
                .findFirst().orElseThrow(() -> new ImageSourceException(uri, "no DICOMweb server "
                        + address.baseUrl() + " is configured; add it to the PACS servers first"));
        return new Instance(address, client, null);
    }

    /**
     * The source of an instance whose header is known already (from WADO-RS metadata): its header is answered from
     * {@code header} without touching the network; its pixels are retrieved (through the cache) on the first
     * {@link ImageSource#open()}, so a browser filled from metadata fetches no pixel data until an image is shown.
     *
     * @throws ImageSourceException when no configured server has the address's base URL
     */
    public ImageSource described(DicomWebUri address, DicomFile header) throws ImageSourceException {
        Objects.requireNonNull(header, "header");
        DicomWebClient client = servers.stream().filter(s -> s.config().baseUrl().equals(address.baseUrl()))
                .findFirst().orElseThrow(() -> new ImageSourceException(address.uri(), "no DICOMweb server "
                        + address.baseUrl() + " is configured; add it to the PACS servers first"));
        return new Instance(address, client, header);
    }

    /** One instance: fetched into the cache on first use, then read as the cached file is. */
    private final class Instance implements ImageSource {
        private final DicomWebUri address;
        private final DicomWebClient client;
        private final DicomFile knownHeader; // from WADO-RS metadata, or null: read from the fetched file
        private ImageSource local; // the cached file's source once fetched

        Instance(DicomWebUri address, DicomWebClient client, DicomFile knownHeader) {
            this.address = address;
            this.client = client;
            this.knownHeader = knownHeader;
        }

        @Override
        public URI uri() {
            return address.uri();
        }

        @Override
        public String displayName() {
            String sop = address.instance().sopInstanceUid();
            return "…" + sop.substring(Math.max(0, sop.length() - 12))
                    + (address.frame() > 0 ? " frame " + address.frame() : "");
        }

        @Override
        public Optional<DicomFile> header() throws ImageSourceException {
            return knownHeader != null ? Optional.of(knownHeader) : cached().header();
        }

        @Override
        public DisplayableImage open() throws ImageSourceException {
            return cached().open();
        }

        private synchronized ImageSource cached() throws ImageSourceException {
            if (local == null) {
                try {
                    java.nio.file.Path file = cache.instance(client, address.instance(), Progress.NONE,
                            CancellationToken.NONE);
                    URI fileUri = file.toUri();
                    local = files.open(address.frame() > 0 ? URI.create(fileUri + "#frame=" + address.frame())
                            : fileUri);
                } catch (IOException e) {
                    throw new ImageSourceException(uri(), e.getMessage(), e);
                }
            }
            return local;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ImageSource other && other.uri().equals(uri());
        }

        @Override
        public int hashCode() {
            return uri().hashCode();
        }

        @Override
        public String toString() {
            return uri().toString();
        }
    }
}
