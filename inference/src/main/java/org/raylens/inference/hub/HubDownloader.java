package org.raylens.inference.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * Downloads files of a Hugging Face model repository into the shared cache, as {@code huggingface_hub}'s
 * {@code hf_hub_download} would: for each file a {@code HEAD {endpoint}/{repo}/resolve/{revision}/{file}} for its
 * commit, ETag and size, the content to {@code blobs/<etag>} (resumed with {@code Range}, verified against the ETag
 * before it gets that name), then the {@code snapshots/<commit>/<file>} link; once all files are in, the
 * {@code refs/<revision>} file. All files come from the commit the first one resolved to, so a branch moving during
 * the download cannot mix two versions. Nothing is contacted until {@link #download} is called, and not at all when
 * a commit hash is asked for whose files are all cached.
 *
 * <pre>{@code
 * HubDownloader hub = HubDownloader.builder()
 *         .setCache(new HubCache(settings.cacheFolder())).setEndpoint(settings.endpoint())
 *         .optToken(settings.token(null)).build();
 * DownloadResult r = hub.download(new RepoId("microsoft/rad-dino"), "main", files, progress, cancel);
 * }</pre>
 */
public final class HubDownloader {
    private final HubCache cache;
    private final HubEndpoint endpoint;
    private final HubHttp http;
    private final BlobTransfer transfer;

    private HubDownloader(Builder b) {
        this.cache = b.cache;
        this.endpoint = b.endpoint;
        this.http = new HubHttp(b.timeouts, b.token, b.sslContext);
        this.transfer = new BlobTransfer(http, b.retries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param revision a branch, tag or commit hash ({@code main} usually)
     * @param files    repository file names, e.g. {@code config.json}, {@code model.safetensors}
     * @param progress bytes of the current file
     * @throws HubException                               a typed failure; nothing half-done enters the snapshot
     * @throws java.util.concurrent.CancellationException when cancelled; the part file is kept for a rerun
     */
    public DownloadResult download(RepoId repo, String revision, List<String> files, Progress progress,
                                   CancellationToken cancel) throws IOException {
        HubPaths.checkRevision(revision);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to download");
        }
        files.forEach(HubPaths::checkFileName);
        Optional<DownloadResult> cached = cachedCommit(repo, revision, files);
        if (cached.isPresent()) {
            return cached.get();
        }
        String asked = revision;
        String commit = null;
        List<String> fetched = new ArrayList<>();
        for (String file : files) {
            cancel.throwIfCancelled("before " + file);
            HubRequestContext context = new HubRequestContext(endpoint, repo, asked, file, http.hasToken());
            RemoteFile remote = http.metadata(context, cancel);
            if (commit == null) {
                commit = remote.commit();
                asked = commit;
            } else if (!commit.equals(remote.commit())) {
                throw new HubException(HubException.Kind.BAD_RESPONSE, file + " came from commit " + remote.commit()
                        + ", not " + commit + " as asked");
            }
            if (Files.exists(cache.snapshotFile(repo, commit, file))) {
                continue;
            }
            Path blob = cache.blob(repo, remote.etag());
            Files.createDirectories(blob.getParent());
            if (!Files.isRegularFile(blob)) {
                transfer.download(remote, blob, context, progress, cancel);
                fetched.add(file);
            }
            cache.link(repo, commit, file, remote.etag());
        }
        cache.writeRef(repo, revision, commit);
        return new DownloadResult(repo, revision, commit, cache.snapshotFolder(repo, commit), List.copyOf(files),
                List.copyOf(fetched));
    }

    /** A commit hash whose files are all in the cache needs no network at all (as huggingface_hub). */
    private Optional<DownloadResult> cachedCommit(RepoId repo, String revision, List<String> files) {
        if (!HubPaths.COMMIT.matcher(revision).matches()) {
            return Optional.empty();
        }
        for (String file : files) {
            if (!Files.exists(cache.snapshotFile(repo, revision, file))) {
                return Optional.empty();
            }
        }
        return Optional.of(new DownloadResult(repo, revision, revision, cache.snapshotFolder(repo, revision),
                List.copyOf(files), List.of()));
    }

    /** {@code setX} for what is required, {@code optX} for the rest (as DJL's builders). */
    public static final class Builder {
        private HubCache cache;
        private HubEndpoint endpoint;
        private Optional<String> token = Optional.empty();
        private HubTimeouts timeouts = HubTimeouts.DEFAULT;
        private int retries = 3;
        private SSLContext sslContext;

        private Builder() {}

        public Builder setCache(HubCache cache) {
            this.cache = cache;
            return this;
        }

        public Builder setEndpoint(HubEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The token for gated or private repositories; sent to the Hub only, never to a CDN on another host. */
        public Builder optToken(Optional<String> token) {
            this.token = Objects.requireNonNull(token);
            return this;
        }

        public Builder optTimeouts(HubTimeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        /** Extra tries after a transfer broke off, each resuming where the last stopped (default 3; 0: none). */
        public Builder optRetries(int retries) {
            this.retries = Math.max(0, retries);
            return this;
        }

        /** The TLS trust to use (tests trust their own certificate); default: the JDK's. */
        public Builder optSslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public HubDownloader build() {
            if (cache == null || endpoint == null) {
                throw new IllegalStateException("a HubDownloader needs setCache and setEndpoint");
            }
            return new HubDownloader(this);
        }
    }
}
