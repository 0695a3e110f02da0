package org.raylens.inference.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.AtomicSymlinks;

/**
 * The Hugging Face hub cache, laid out exactly as huggingface_hub writes it so that Python tools and RayLens share
 * the files:
 * <pre>
 * models--&lt;org&gt;--&lt;name&gt;/
 *   blobs/&lt;etag&gt;                 content, named by its sha256 (LFS) or git blob id
 *   snapshots/&lt;commit&gt;/&lt;file&gt;      relative symlink to ../../blobs/&lt;etag&gt; (one more ../ per sub-folder)
 *   refs/&lt;revision&gt;              the commit hash the revision (main, a tag) pointed to, no newline
 * </pre>
 * Every entry is written atomically: blobs by rename from {@code <etag>.incomplete} once verified, links by rename
 * of a temporary link, refs through {@link AtomicFiles}.
 */
public final class HubCache {
    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path repoFolder(RepoId repo) {
        return root.resolve(repo.cacheFolderName());
    }

    Path blob(RepoId repo, String etag) {
        return repoFolder(repo).resolve("blobs").resolve(etag);
    }

    public Path snapshotFolder(RepoId repo, String commit) {
        if (!HubPaths.COMMIT.matcher(commit).matches()) {
            throw new IllegalArgumentException("not a commit hash: " + commit);
        }
        return repoFolder(repo).resolve("snapshots").resolve(commit);
    }

    Path snapshotFile(RepoId repo, String commit, String file) {
        return snapshotFolder(repo, commit).resolve(HubPaths.checkFileName(file));
    }

    /** The commit a revision resolves to in the cache: itself when it is a commit hash, else its refs file. */
    public Optional<String> commitOf(RepoId repo, String revision) throws IOException {
        if (HubPaths.COMMIT.matcher(revision).matches()) {
            return Optional.of(revision);
        }
        Path ref = repoFolder(repo).resolve("refs").resolve(HubPaths.checkRevision(revision));
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
        return HubPaths.COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
    }

    /** Points {@code snapshots/<commit>/<file>} at {@code blobs/<etag>} with a relative link. */
    void link(RepoId repo, String commit, String file, String etag) throws IOException {
        Path pointer = snapshotFile(repo, commit, file);
        Files.createDirectories(pointer.getParent());
        Path relative = pointer.getParent().relativize(blob(repo, etag));
        AtomicSymlinks.replace(pointer, relative);
    }

    /** Records that {@code revision} points to {@code commit} (nothing when the revision is the commit itself). */
    void writeRef(RepoId repo, String revision, String commit) throws IOException {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = repoFolder(repo).resolve("refs").resolve(HubPaths.checkRevision(revision));
        if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) {
            return;
        }
        Files.createDirectories(ref.getParent());
        AtomicFiles.writeString(ref, commit);
    }

    /** The model repositories in the cache, by id; an unreadable entry is listed with its problem. */
    public List<CachedModel> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<CachedModel> models = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path folder : entries.sorted().toList()) {
                RepoId repo = RepoId.fromCacheFolderName(folder.getFileName().toString());
                if (repo != null && Files.isDirectory(folder)) {
                    models.add(read(repo, folder));
                }
            }
        }
        return models;
    }

    private static CachedModel read(RepoId repo, Path folder) {
        try {
            Path snapshots = folder.resolve("snapshots");
            if (!Files.isDirectory(snapshots)) {
                return new CachedModel(repo, folder, List.of(), "no snapshots folder");
            }
            Map<String, List<String>> refsByCommit = refsByCommit(folder.resolve("refs"));
            List<CachedSnapshot> found = new ArrayList<>();
            try (Stream<Path> commits = Files.list(snapshots)) {
                for (Path snapshot : commits.filter(Files::isDirectory).sorted().toList()) {
                    found.add(readSnapshot(snapshot, refsByCommit));
                }
            }
            // the snapshots a ref names first (main is what a user means), then the rest by name
            found.sort(Comparator.comparing((CachedSnapshot s) -> s.refs().isEmpty()));
            return new CachedModel(repo, folder, List.copyOf(found), "");
        } catch (IOException e) {
            return new CachedModel(repo, folder, List.of(), "unreadable: " + e.getMessage());
        }
    }

    private static Map<String, List<String>> refsByCommit(Path refs) throws IOException {
        Map<String, List<String>> byCommit = new TreeMap<>();
        if (!Files.isDirectory(refs)) {
            return byCommit;
        }
        try (Stream<Path> files = Files.walk(refs)) {
            for (Path ref : files.filter(Files::isRegularFile).sorted().toList()) {
                String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
                String name = refs.relativize(ref).toString().replace('\\', '/');
                byCommit.computeIfAbsent(commit, c -> new ArrayList<>()).add(name);
            }
        }
        return byCommit;
    }

    private static CachedSnapshot readSnapshot(Path snapshot, Map<String, List<String>> refsByCommit)
            throws IOException {
        List<String> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(snapshot)) {
            for (Path entry : walk.sorted().toList()) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = snapshot.relativize(entry).toString().replace('\\', '/');
                files.add(name);
                if (!Files.exists(entry)) {
                    missing.add(name);
                }
            }
        }
        String commit = snapshot.getFileName().toString();
        return new CachedSnapshot(commit, snapshot, List.copyOf(refsByCommit.getOrDefault(commit, List.of())),
                List.copyOf(files), List.copyOf(missing), ModelFolderCheck.check(snapshot));
    }
}
