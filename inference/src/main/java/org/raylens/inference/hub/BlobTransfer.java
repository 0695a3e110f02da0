package org.raylens.inference.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.raylens.core.io.PartialFile;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * Downloads one file's content into the cache's {@code blobs/<etag>}: the bytes go to {@code blobs/<etag>.incomplete}
 * (a {@link PartialFile}), a later try or run asks only for the missing tail with {@code Range}, the whole is hashed
 * against the ETag, and only a file whose hash matches is renamed onto {@code blobs/<etag>}. A wrong hash deletes the
 * part file: the corrupt bytes never get a name a snapshot could point to.
 */
final class BlobTransfer {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubHttp http;
    private final int retries;

    /** @param retries extra tries after a transfer broke off (each resumes where the last one stopped) */
    BlobTransfer(HubHttp http, int retries) {
        this.http = http;
        this.retries = retries;
    }

    /** Makes {@code blob} hold {@code remote}'s verified content (nothing to do when it already exists). */
    void download(RemoteFile remote, Path blob, HubRequestContext context, Progress progress,
                  CancellationToken cancel) throws IOException {
        if (Files.isRegularFile(blob)) {
            return;
        }
        ContentHash hash = ContentHash.forEtag(remote.etag(), remote.size());
        Path partPath = blob.resolveSibling(remote.etag() + ".incomplete");
        try (PartialFile part = PartialFile.open(partPath, blob)) {
            if (part.length() > remote.size()) {
                part.truncate();
            }
            hashExisting(part, hash);
            int triesLeft = retries;
            while (part.length() < remote.size()) {
                long before = part.length();
                try {
                    fetchOnce(remote, part, hash, context, progress, cancel);
                    if (part.length() < remote.size()) {
                        throw new HubException(HubException.Kind.TRUNCATED, "the transfer of " + remote.name()
                                + " ended after " + part.length() + " of " + remote.size() + " bytes; what arrived"
                                + " is kept and a rerun resumes");
                    }
                } catch (HubException e) {
                    if (e.kind() == HubException.Kind.CHECKSUM_MISMATCH) {
                        part.discard();
                        throw e;
                    }
                    if (!e.kind().resumable() || triesLeft <= 0) {
                        throw e;
                    }
                    // as huggingface_hub: a try that brought new bytes earns the full number of retries again
                    triesLeft = part.length() > before ? retries : triesLeft - 1;
                }
            }
            String got = hash.finish();
            if (!got.equals(remote.etag())) {
                part.discard();
                throw new HubException(HubException.Kind.CHECKSUM_MISMATCH, remote.name() + " of "
                        + context.repo() + " arrived corrupted: its " + hash.algorithm() + " is " + got
                        + " but the Hub names it " + remote.etag() + "; nothing was saved, try again");
            }
            part.commit();
        }
    }

    private static void hashExisting(PartialFile part, ContentHash hash) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        long position = 0;
        long length = part.length();
        while (position < length) {
            buffer.clear();
            int read = part.reader().read(buffer, position);
            if (read < 0) {
                break;
            }
            buffer.flip();
            hash.update(buffer);
            position += read;
        }
    }

    /** One GET (with its redirects) that appends what arrives; resumes from the part file's length. */
    private void fetchOnce(RemoteFile remote, PartialFile part, ContentHash hash, HubRequestContext context,
                           Progress progress, CancellationToken cancel) throws IOException {
        long have = part.length();
        URI url = remote.downloadUrl();
        boolean withToken = remote.sendToken();
        Set<URI> seen = new HashSet<>();
        for (int hop = 0; ; hop++) {
            HubHttp.checkHop(url, seen, hop);
            HttpRequest.Builder builder = http.request(url, withToken).GET();
            if (have > 0) {
                builder.header("Range", "bytes=" + have + "-");
            }
            AtomicReference<BlobBodySubscriber> body = new AtomicReference<>();
            AtomicReference<HubException> refused = new AtomicReference<>();
            HttpResponse.BodyHandler<Long> handler = info -> {
                int status = info.statusCode();
                if (status != 200 && status != 206) {
                    return HttpResponse.BodySubscribers.replacing(0L);
                }
                HubException problem = prepare(status, info.headers(), have, remote, part, hash);
                if (problem != null) {
                    refused.set(problem);
                    return HttpResponse.BodySubscribers.replacing(0L);
                }
                BlobBodySubscriber subscriber = new BlobBodySubscriber(chunk -> append(chunk, remote, part, hash,
                        progress));
                body.set(subscriber);
                return subscriber;
            };
            HttpResponse<Long> response = http.await(http.client().sendAsync(builder.build(), handler),
                    () -> body.get() == null ? 0 : body.get().received(),
                    () -> {
                        BlobBodySubscriber subscriber = body.get();
                        if (subscriber != null) {
                            subscriber.abort();
                        }
                    }, cancel, "downloading " + remote.name());
            int status = response.statusCode();
            if (refused.get() != null) {
                throw refused.get();
            }
            if (HubHttp.isRedirect(status)) {
                URI next = HubHttp.redirectTarget(response, url);
                // a signed CDN URL needs no token, and another host must never see it
                withToken = withToken && HubHttp.sameAuthority(next, url);
                url = next;
                continue;
            }
            if (status == 416) {
                // the part file does not fit the file the server has: start it over
                part.truncate();
                hash.reset();
                throw new HubException(HubException.Kind.TRUNCATED, "the server refused to resume "
                        + remote.name() + " at byte " + have + "; starting it over");
            }
            if (status != 200 && status != 206) {
                throw HubStatusErrors.forStatus(status, response.headers(), context);
            }
            return;
        }
    }

    /**
     * Runs once the headers are in, before any body byte: a 200 to a resumed request restarts the file from byte 0
     * (the server ignored the Range), a 206 must continue exactly where the part file ends.
     */
    private static HubException prepare(int status, HttpHeaders headers, long have, RemoteFile remote,
                                        PartialFile part, ContentHash hash) {
        try {
            if (status == 200 && have > 0) {
                part.truncate();
                hash.reset();
            }
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have
                        || !m.group(3).equals("*") && Long.parseLong(m.group(3)) != remote.size()) {
                    return new HubException(HubException.Kind.BAD_RESPONSE, "the server resumed " + remote.name()
                            + " at the wrong place (Content-Range '"
                            + headers.firstValue("Content-Range").orElse("") + "', expected bytes " + have + "-)");
                }
            }
            return null;
        } catch (IOException e) {
            return new HubException(HubException.Kind.BAD_RESPONSE, "cannot restart the part file of "
                    + remote.name() + ": " + e.getMessage(), e);
        }
    }

    private static void append(ByteBuffer chunk, RemoteFile remote, PartialFile part, ContentHash hash,
                               Progress progress) throws IOException {
        long after = part.length() + chunk.remaining();
        if (after > remote.size()) {
            throw new HubException(HubException.Kind.CHECKSUM_MISMATCH, remote.name() + " is longer than the "
                    + remote.size() + " bytes the Hub announced; nothing was saved, try again");
        }
        hash.update(chunk.duplicate());
        part.append(chunk);
        progress.report(after, remote.size(), remote.name());
    }
}
