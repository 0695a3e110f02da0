package org.raylens.viewer.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.AtomicWriteException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * A client for one DICOMweb server (QIDO-RS search, WADO-RS metadata and instance retrieval, STOW-RS store) on the
 * JDK's {@link HttpClient}. Every call blocks, takes a {@link CancellationToken} and never hangs: connecting is bounded
 * by the connect timeout, the wait for an answer and any silence inside a body by the read timeout. Failures are
 * {@link DicomWebException}s naming the URL. Thread-safe; close it to stop its watchdog thread.
 *
 * <p>Instances are retrieved one request each ({@code .../instances/<uid>}), as stored on the server
 * ({@code transfer-syntax=*}: no server-side transcoding, RayLens decodes the syntaxes it supports), which lets a
 * cache skip the ones it holds and a cancelled download resume.
 */
public final class DicomWebClient implements AutoCloseable {

    static final String DICOM_JSON = "application/dicom+json";
    static final String DICOM = "application/dicom";
    private static final String MULTIPART_DICOM_ACCEPT = "multipart/related; type=\"application/dicom\"; "
            + "transfer-syntax=*";
    private static final int ERROR_BODY_CHARS = 300;

    private final DicomWebConfig config;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final Consumer<URI> onRequest;

    public DicomWebClient(DicomWebConfig config) throws IOException {
        this(config, url -> { });
    }

    /**
     * @param onRequest told the URL of every request as it is sent (from the calling thread): the window's transfer
     *                  log, and tests that check what was fetched when (the browser fills from metadata alone)
     */
    public DicomWebClient(DicomWebConfig config, Consumer<URI> onRequest) throws IOException {
        this.config = config;
        this.onRequest = java.util.Objects.requireNonNull(onRequest, "onRequest");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (config.extraCaFile().isPresent()) {
            builder.sslContext(TrustStores.withExtraCa(config.extraCaFile().get()));
        }
        this.http = builder.build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicomweb-watchdog " + config.baseUrl().getHost());
            t.setDaemon(true);
            return t;
        });
    }

    public DicomWebConfig config() {
        return config;
    }

    /** QIDO-RS {@code /studies?...}. */
    public List<StudySummary> searchStudies(StudyQuery query, CancellationToken cancel) throws DicomWebException {
        List<StudySummary> out = new ArrayList<>();
        for (DicomObject d : getJson("studies?" + query.toQueryString(), "the study search", cancel)) {
            out.add(StudySummary.of(d));
        }
        return out;
    }

    /** QIDO-RS {@code /studies/<uid>/series}: one dataset per series. */
    public List<DicomObject> listSeries(String studyUid, CancellationToken cancel) throws DicomWebException {
        InstanceRef.requireUid(studyUid, "Study Instance UID");
        return getJson("studies/" + studyUid + "/series", "study " + studyUid, cancel);
    }

    /**
     * QIDO-RS {@code /studies/<uid>/instances}: every instance of a study, each with its series UID.
     *
     * @throws DicomWebException.NotFound when the server has no such study
     */
    public List<InstanceRef> listInstances(String studyUid, CancellationToken cancel) throws DicomWebException {
        InstanceRef.requireUid(studyUid, "Study Instance UID");
        String path = "studies/" + studyUid + "/instances";
        List<InstanceRef> refs = refs(studyUid, getJson(path + "?includefield=0020000E", "study " + studyUid,
                cancel));
        if (refs.isEmpty()) {
            // QIDO answers an unknown study with an empty list (Orthanc) or 404; a study that exists has instances.
            throw new DicomWebException.NotFound(config.resolve(path), "study " + studyUid);
        }
        return refs;
    }

    /**
     * WADO-RS {@code /studies/<uid>/metadata}: every instance's header without its bulk data, enough to fill the
     * study browser before any pixel is fetched.
     */
    public List<DicomObject> studyMetadata(String studyUid, CancellationToken cancel) throws DicomWebException {
        InstanceRef.requireUid(studyUid, "Study Instance UID");
        return getJson("studies/" + studyUid + "/metadata", "study " + studyUid, cancel);
    }

    /** The instances a metadata or QIDO instance response describes. */
    public static List<InstanceRef> refs(String studyUid, List<DicomObject> datasets) {
        List<InstanceRef> out = new ArrayList<>();
        for (DicomObject d : datasets) {
            out.add(new InstanceRef(d.getString(Tag.StudyInstanceUID, studyUid), d.getString(Tag.SeriesInstanceUID),
                    d.getString(Tag.SOPInstanceUID)));
        }
        return out;
    }

    /**
     * WADO-RS retrieval of one whole instance, written to {@code target} as a DICOM Part 10 file through
     * {@link AtomicFiles}: the file is either the complete instance or not there at all.
     *
     * @return the file's size in bytes
     */
    public long retrieveInstance(InstanceRef ref, Path target, Progress progress, CancellationToken cancel)
            throws DicomWebException, AtomicWriteException {
        URI url = config.resolve(ref.path());
        HttpResponse<InputStream> response = send(get(url, MULTIPART_DICOM_ACCEPT), "instance "
                + ref.sopInstanceUid(), cancel);
        AtomicLong size = new AtomicLong();
        try (InputStream body = guarded(url, response, cancel, progress)) {
            String type = response.headers().firstValue("Content-Type").orElse(null);
            int[] parts = {0};
            AtomicFiles.replace(target, out -> {
                parts[0] = MultipartReader.read(url, type, DICOM, body, (index, partType, part) -> {
                    if (index > 0) {
                        throw new DicomWebException.Malformed(url, "more than one part for one instance", null);
                    }
                    size.set(part.transferTo(out));
                });
                if (parts[0] == 0) {
                    throw new DicomWebException.Malformed(url, "the multipart body holds no instance", null);
                }
            });
        } catch (AtomicWriteException e) {
            if (e.getCause() instanceof DicomWebException web) {
                throw web; // the transfer failed, and the write with it: nothing was left behind
            }
            if (e.getCause() instanceof CancellationException cancelled) {
                throw cancelled; // stopped by the caller; the partial file is gone with the write
            }
            throw e;
        } catch (DicomWebException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomWebException.Truncated(url, e.toString(), e);
        }
        return size.get();
    }

    /**
     * STOW-RS: stores DICOM Part 10 files in one request and returns what the server says it stored and refused.
     * Progress counts the bytes sent.
     */
    public StoreResult store(List<Path> files, Progress progress, CancellationToken cancel)
            throws DicomWebException, IOException {
        URI url = config.resolve("studies");
        String boundary = "raylens-" + UUID.randomUUID();
        List<byte[]> heads = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            byte[] head = ("--" + boundary + "\r\nContent-Type: " + DICOM + "\r\nContent-Length: " + Files.size(file)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            heads.add(head);
            total += head.length + Files.size(file) + 2;
        }
        byte[] tail = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        total += tail.length;
        long length = total;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new CountingStream(
                        multipartBody(files, heads, tail), length, progress, cancel)), length);
        HttpRequest request = authorized(HttpRequest.newBuilder(url).timeout(config.readTimeout())
                .header("Content-Type", "multipart/related; type=\"" + DICOM + "\"; boundary=" + boundary)
                .header("Accept", DICOM_JSON)).POST(body).build();
        HttpResponse<InputStream> response;
        try {
            response = send(request, "the STOW-RS service", cancel, 409);
        } catch (DicomWebException.ServerUnreachable staleConnection) {
            // A server that closes idle keep-alive connections (Orthanc: after 1 s) can close a pooled one just as
            // it is reused; the JDK retries such failures only for GETs. STOW is safe to repeat (an instance stored
            // twice is one instance, by its SOP Instance UID), so one more try; a server that is down fails again.
            response = send(request, "the STOW-RS service", cancel, 409);
        }
        requireType(url, response, DICOM_JSON);
        try (InputStream in = guarded(url, response, cancel, Progress.NONE)) {
            return StoreResult.of(DicomJson.parseObject(url, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static InputStream multipartBody(List<Path> files, List<byte[]> heads, byte[] tail) {
        List<InputStream> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            parts.add(new ByteArrayInputStream(heads.get(i)));
            parts.add(new LazyFileStream(file));
            parts.add(new ByteArrayInputStream(new byte[] {'\r', '\n'}));
        }
        parts.add(new ByteArrayInputStream(tail));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private List<DicomObject> getJson(String path, String what, CancellationToken cancel) throws DicomWebException {
        URI url = config.resolve(path);
        HttpResponse<InputStream> response = send(get(url, DICOM_JSON), what, cancel);
        if (response.statusCode() == 204) {
            closeQuietly(response.body());
            return List.of(); // QIDO: no match
        }
        requireType(url, response, DICOM_JSON);
        try (InputStream in = guarded(url, response, cancel, Progress.NONE)) {
            return DicomJson.parseArray(url, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (DicomWebException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomWebException.Truncated(url, e.toString(), e);
        }
    }

    private HttpRequest get(URI url, String accept) {
        return authorized(HttpRequest.newBuilder(url).timeout(config.readTimeout()).header("Accept", accept))
                .GET().build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        config.auth().authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
        return builder;
    }

    private GuardedBodyStream guarded(URI url, HttpResponse<InputStream> response, CancellationToken cancel,
            Progress progress) {
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new GuardedBodyStream(url, response.body(), length, config.readTimeout(), watchdog, cancel, progress);
    }

    private static void requireType(URI url, HttpResponse<InputStream> response, String expected)
            throws DicomWebException {
        String type = response.headers().firstValue("Content-Type").orElse(null);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(expected)) {
            closeQuietly(response.body());
            throw new DicomWebException.WrongContentType(url, expected, type);
        }
    }

    /** Sends a request, waiting for the headers while watching the token; maps transport failures and HTTP errors. */
    private HttpResponse<InputStream> send(HttpRequest request, String what, CancellationToken cancel,
            int... alsoAccepted) throws DicomWebException {
        URI url = request.uri();
        onRequest.accept(url);
        CompletableFuture<HttpResponse<InputStream>> future =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    future.cancel(true);
                    cancel.throwIfCancelled("requesting " + url);
                }
                try {
                    response = future.get(50, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    // poll the token again
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DicomWebException(url, "interrupted", new InterruptedIOException());
        } catch (ExecutionException e) {
            throw transportError(url, e.getCause());
        } catch (CancellationException e) {
            throw e;
        }
        int status = response.statusCode();
        if (status / 100 == 2 || List.of(boxed(alsoAccepted)).contains(status)) {
            return response;
        }
        String body = errorBody(url, response);
        if (status == 401 || status == 403) {
            throw new DicomWebException.Unauthorized(url, status);
        }
        if (status == 404) {
            throw new DicomWebException.NotFound(url, what);
        }
        if (status >= 500) {
            throw new DicomWebException.ServerError(url, status, body);
        }
        throw new DicomWebException.HttpStatus(url, status, "HTTP " + status + (body.isBlank() ? "" : ": " + body));
    }

    private static Integer[] boxed(int[] values) {
        Integer[] out = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private String errorBody(URI url, HttpResponse<InputStream> response) {
        try (InputStream in = guarded(url, response, CancellationToken.NONE, Progress.NONE)) {
            String text = new String(in.readNBytes(ERROR_BODY_CHARS), StandardCharsets.UTF_8);
            return text.replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "(no readable body: " + e.getMessage() + ")";
        }
    }

    private DicomWebException transportError(URI url, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new DicomWebException.Timeout(url, "no connection within " + config.connectTimeout().toMillis()
                    + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new DicomWebException.Timeout(url, "no answer within " + config.readTimeout().toMillis()
                    + " ms", cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CancellationException c) {
                throw c; // cancelled while sending a STOW body: the HTTP client wraps it
            }
        }
        if (cause instanceof DicomWebException web) {
            return web;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return new DicomWebException.TlsFailure(url, t);
            }
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            if (cause.getCause() instanceof DicomWebException web) {
                return web; // the request body (a STOW file) failed to read
            }
            return new DicomWebException.ServerUnreachable(url, cause);
        }
        return new DicomWebException(url, "request failed: " + cause, cause);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // releasing a connection whose answer is not used; the caller reports the real problem
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
