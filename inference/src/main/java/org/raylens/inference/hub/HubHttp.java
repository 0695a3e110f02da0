package org.raylens.inference.hub;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.raylens.core.progress.CancellationToken;

/**
 * The HTTP side of the Hub client: one {@link HttpClient} that never follows redirects by itself (each hop is checked
 * against {@link HubEndpoint}'s HTTPS rule, counted for loops, and decides whether the token may go along), and a
 * wait for each response that polls cancellation and gives up on a connection that stalls, so that no call hangs.
 */
final class HubHttp {
    static final int MAX_REDIRECTS = 10;
    private static final long POLL_MILLIS = 100;

    private final HttpClient client;
    private final HubTimeouts timeouts;
    private final Optional<String> token;

    HubHttp(HubTimeouts timeouts, Optional<String> token, SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.timeouts = timeouts;
        this.token = token;
    }

    boolean hasToken() {
        return token.isPresent();
    }

    /**
     * Asks the Hub about one file ({@code HEAD .../resolve/...}), following relative redirects (a renamed
     * repository) and stopping at an absolute one (the CDN holding an LFS file), as huggingface_hub does.
     */
    RemoteFile metadata(HubRequestContext context, CancellationToken cancel) {
        URI url = context.endpoint().resolveUrl(context.repo(), context.revision(), context.file());
        Set<URI> seen = new HashSet<>();
        for (int hop = 0; ; hop++) {
            checkHop(url, seen, hop);
            HttpRequest request = request(url, sameAuthority(url, context.endpoint().base()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> response = await(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()),
                    () -> 0, () -> { }, cancel, "asking the Hub about " + context.file());
            int status = response.statusCode();
            if (isRedirect(status)) {
                URI target = redirectTarget(response, url);
                if (relativeLocation(response)) {
                    url = target;
                    continue;
                }
                return remoteFile(context, response, target);
            }
            if (status / 100 == 2) {
                return remoteFile(context, response, url);
            }
            throw HubStatusErrors.forStatus(status, response.headers(), context);
        }
    }

    private RemoteFile remoteFile(HubRequestContext context, HttpResponse<Void> response, URI downloadUrl) {
        var headers = response.headers();
        String commit = headers.firstValue("X-Repo-Commit").orElse("");
        if (!HubPaths.COMMIT.matcher(commit).matches()) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, response.uri() + " did not name a commit"
                    + " (no valid X-Repo-Commit header): is " + context.endpoint().base()
                    + " a Hugging Face Hub? (a proxy or firewall may be answering instead)");
        }
        String etag = HubPaths.normalizeEtag(headers.firstValue("X-Linked-Etag")
                .or(() -> headers.firstValue("ETag")).orElse(""));
        if (!HubPaths.SHA256.matcher(etag).matches() && !HubPaths.GIT_SHA1.matcher(etag).matches()) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, response.uri() + " gave no usable ETag ('"
                    + etag + "'): the file cannot be verified, so it is not downloaded");
        }
        Optional<String> size = headers.firstValue("X-Linked-Size");
        if (size.isEmpty() && !isRedirect(response.statusCode())) {
            size = headers.firstValue("Content-Length");
        }
        long length;
        try {
            length = Long.parseLong(size.orElse("-1").strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, response.uri() + " gave no file size");
        }
        boolean sendToken = sameAuthority(downloadUrl, context.endpoint().base());
        return new RemoteFile(context.file(), commit, etag, length, downloadUrl, sendToken);
    }

    /** A GET (or HEAD) with the headers every request carries, and the token when {@code withToken}. */
    HttpRequest.Builder request(URI url, boolean withToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(timeouts.response())
                .header("User-Agent", "raylens")
                // the real size: a compressed body would not match Content-Length or the hash
                .header("Accept-Encoding", "identity");
        if (withToken) {
            token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        }
        return builder;
    }

    HttpClient client() {
        return client;
    }

    /**
     * Waits for {@code future}, polling {@code cancel} and watching {@code progress} (bytes received so far): no
     * new byte for the idle timeout, or a cancel, calls {@code abort} (which must stop the body's writer) and fails.
     */
    <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, LongSupplier progress, Runnable abort,
                              CancellationToken cancel, String what) {
        long idleNanos = timeouts.idle().toNanos();
        long lastBytes = progress.getAsLong();
        long lastChange = System.nanoTime();
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException poll) {
                if (cancel.isCancelled()) {
                    abort.run();
                    future.cancel(true);
                    throw new CancellationException("cancelled " + what);
                }
                long bytes = progress.getAsLong();
                long now = System.nanoTime();
                if (bytes != lastBytes) {
                    lastBytes = bytes;
                    lastChange = now;
                } else if (now - lastChange > idleNanos) {
                    abort.run();
                    future.cancel(true);
                    throw new HubException(bytes > 0 ? HubException.Kind.TRUNCATED : HubException.Kind.NETWORK,
                            "no data for " + timeouts.idle().toSeconds() + " s while " + what
                                    + (bytes > 0 ? "; what arrived is kept and a rerun resumes" : ""));
                }
            } catch (InterruptedException e) {
                abort.run();
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted " + what);
            } catch (ExecutionException e) {
                throw networkFailure(e.getCause(), progress.getAsLong() > 0, what);
            }
        }
    }

    private HubException networkFailure(Throwable cause, boolean bodyStarted, String what) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof HubException hub) {
                return hub; // refused by our own sink (e.g. a body longer than announced)
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new HubException(HubException.Kind.NETWORK, "could not connect within "
                    + timeouts.connect().toSeconds() + " s while " + what + ": check the network", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new HubException(HubException.Kind.NETWORK, "no answer within "
                    + timeouts.response().toSeconds() + " s while " + what, cause);
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return new HubException(HubException.Kind.NETWORK, "secure connection failed while " + what + ": "
                        + c.getMessage() + " (is the server's certificate trusted? a proxy may be intercepting)",
                        cause);
            }
        }
        if (bodyStarted) {
            return new HubException(HubException.Kind.TRUNCATED, "the transfer broke off while " + what + " ("
                    + cause.getMessage() + "); what arrived is kept and a rerun resumes", cause);
        }
        String reason = cause instanceof IOException ? String.valueOf(cause.getMessage()) : String.valueOf(cause);
        return new HubException(HubException.Kind.NETWORK, "network error while " + what + ": " + reason, cause);
    }

    /** Refuses an insecure URL, a URL seen before on this chain (a loop), or a chain too long. */
    static void checkHop(URI url, Set<URI> seen, int hop) {
        HubEndpoint.checkSecure(url);
        if (hop > MAX_REDIRECTS) {
            throw new HubException(HubException.Kind.REDIRECT_LOOP, "more than " + MAX_REDIRECTS
                    + " redirects, last to " + url);
        }
        if (!seen.add(url)) {
            throw new HubException(HubException.Kind.REDIRECT_LOOP, "the server redirects in a circle (back to "
                    + url + ")");
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect points, resolved against the request's URL (a relative Location keeps scheme and host). */
    static URI redirectTarget(HttpResponse<?> response, URI url) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new HubException(
                HubException.Kind.BAD_RESPONSE, "a redirect from " + url + " without a Location"));
        try {
            return url.resolve(new URI(location.strip()));
        } catch (URISyntaxException e) {
            throw new HubException(HubException.Kind.BAD_RESPONSE, "a redirect from " + url
                    + " to a malformed Location '" + location + "'", e);
        }
    }

    /** True when the redirect's Location had no host of its own (the Hub's answer for a renamed repository). */
    private static boolean relativeLocation(HttpResponse<?> response) {
        try {
            return new URI(response.headers().firstValue("Location").orElse("").strip()).getHost() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Same scheme, host and port: huggingface_hub's test for keeping the token across a redirect. */
    static boolean sameAuthority(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }
}
