package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * Retrieved DICOMweb instances kept on disk, so that a study opened twice is fetched once. One Part 10 file per
 * instance under {@code <folder>/<server>/<study>/<sop>.dcm}, where {@code <server>} is a hash of the base URL (two
 * servers may hold different objects under one UID). DICOM instances never change under their SOP Instance UID, so
 * an entry never goes stale.
 *
 * <p>Entries are written by {@link DicomWebClient#retrieveInstance} through {@code AtomicFiles}: an entry is complete
 * or absent, whatever stopped the transfer. The cache is bounded: after each new entry the least recently used
 * entries (by modification time, which a hit refreshes) are deleted until the total fits. The window passes a folder
 * under the user data folder; one cache object per folder, thread-safe.
 */
public final class DicomWebCache {

    private final Path folder;
    private final long maxBytes;

    /** @param maxBytes the bound on the entries' total size; the newest entry is kept even if alone it is larger */
    public DicomWebCache(Path folder, long maxBytes) {
        this.folder = Objects.requireNonNull(folder, "folder");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the cache bound must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public Path folder() {
        return folder;
    }

    /**
     * The instance's cached file, retrieved first when it is not cached.
     *
     * @throws DicomWebException when the retrieval fails (nothing is cached then)
     */
    public Path instance(DicomWebClient client, InstanceRef ref, Progress progress, CancellationToken cancel)
            throws IOException {
        Path entry = entryPath(client.config(), ref);
        synchronized (this) {
            if (Files.isRegularFile(entry)) {
                Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
                return entry;
            }
        }
        Files.createDirectories(entry.getParent());
        client.retrieveInstance(ref, entry, progress, cancel);
        synchronized (this) {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
            evictBeyondBound(entry);
        }
        return entry;
    }

    /** Whether the instance is cached (no network). */
    public boolean contains(DicomWebConfig server, InstanceRef ref) {
        return Files.isRegularFile(entryPath(server, ref));
    }

    /** Every cached entry's total size in bytes. */
    public synchronized long sizeBytes() throws IOException {
        long total = 0;
        for (Path p : entries()) {
            total += Files.size(p);
        }
        return total;
    }

    /** Where the instance's entry is (or will be once retrieved); no network, nothing created. */
    public Path entryPath(DicomWebConfig server, InstanceRef ref) {
        return folder.resolve(serverKey(server)).resolve(ref.studyUid()).resolve(ref.sopInstanceUid() + ".dcm");
    }

    private void evictBeyondBound(Path keep) throws IOException {
        record Entry(Path path, long size, long lastUsed) {}
        List<Entry> all = new ArrayList<>();
        long total = 0;
        for (Path p : entries()) {
            long size = Files.size(p);
            all.add(new Entry(p, size, Files.getLastModifiedTime(p).toMillis()));
            total += size;
        }
        all.sort(Comparator.comparingLong(Entry::lastUsed));
        for (Entry e : all) {
            if (total <= maxBytes) {
                break;
            }
            if (!e.path().equals(keep)) {
                Files.deleteIfExists(e.path());
                total -= e.size();
            }
        }
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            // Hidden files are AtomicFiles' temporaries of writes in progress, not entries.
            return files.filter(p -> p.getFileName().toString().endsWith(".dcm")
                    && !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String serverKey(DicomWebConfig server) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(server.baseUrl().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
