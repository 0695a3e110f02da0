package org.raylens.viewer.study;

import org.raylens.core.progress.CancellationToken;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The files under a folder, listed once for every reader of folders (the window's study loader and the
 * {@code raylens index} scanner), with one policy for symbolic links:
 * <ul>
 *   <li>a symlinked root is followed: the user chose it, and its target is the folder they mean;</li>
 *   <li>links whose target lies inside the root (after resolving every link) are followed, files and folders;</li>
 *   <li>links that leave the root are not followed and not read: a folder of studies must not make the program read
 *       {@code /etc/passwd} or a whole home directory; each is reported with its target;</li>
 *   <li>dangling links and link loops are reported, not dropped silently;</li>
 *   <li>a file reached twice (directly and through a link) is listed once, the second path reported.</li>
 * </ul>
 * Paths are listed as reached from the root given (so through the links), sorted.
 */
public final class FolderListing {
    private FolderListing() {}

    /** The files found and the entries not listed, each with its reason. */
    public record Result(List<Path> files, List<SkippedFile> problems) {
        public Result {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    public static Result list(Path root, CancellationToken cancel) throws IOException {
        return list(root, p -> true, p -> true, cancel);
    }

    /**
     * Lists the regular files under {@code root}.
     *
     * @param folders which folders below the root to enter; those it refuses are not reported
     * @param files   which files to look at; those it refuses are not reported
     * @throws CancellationException when {@code cancel} was cancelled
     */
    public static Result list(Path root, Predicate<Path> folders, Predicate<Path> files, CancellationToken cancel)
            throws IOException {
        Path realRoot = root.toRealPath();
        List<Path> listed = new ArrayList<>();
        List<SkippedFile> problems = new ArrayList<>();
        Map<Path, Path> found = new TreeMap<>(); // path as reached → real path
        Deque<Path> linkedFolders = new ArrayDeque<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (cancel.isCancelled()) {
                            throw new CancellationException("cancelled while listing files");
                        }
                        if (dir.equals(root)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (!folders.test(dir)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        if (Files.isSymbolicLink(dir)) {
                            Path target = dir.toRealPath();
                            if (!target.startsWith(realRoot)) {
                                problems.add(leaves(dir, target, realRoot));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            linkedFolders.push(dir);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (!linkedFolders.isEmpty() && linkedFolders.peek().equals(dir)) {
                            linkedFolders.pop();
                        }
                        if (e != null) {
                            problems.add(new SkippedFile(dir, "cannot be listed completely: " + e.getMessage()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (!file.equals(root) && !files.test(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        boolean link = Files.isSymbolicLink(file);
                        if (attrs.isSymbolicLink()) { // following failed: the target does not exist
                            problems.add(new SkippedFile(file, "dangling symbolic link to "
                                    + Files.readSymbolicLink(file) + ": its target does not exist"));
                            return FileVisitResult.CONTINUE;
                        }
                        if (!attrs.isRegularFile()) {
                            if (link) {
                                problems.add(new SkippedFile(file, "symbolic link to something that is neither a"
                                        + " file nor a folder: not read"));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                        Path real = link || !linkedFolders.isEmpty() ? file.toRealPath()
                                : realRoot.resolve(root.relativize(file));
                        if (link && !real.startsWith(realRoot)) {
                            problems.add(leaves(file, real, realRoot));
                            return FileVisitResult.CONTINUE;
                        }
                        found.put(file, real);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.add(new SkippedFile(file, e instanceof FileSystemLoopException
                                ? "symbolic link loop (it leads back to a folder above it): not followed"
                                : "cannot be read: " + e, e instanceof FileSystemLoopException
                                ? SkippedFile.Kind.NOTE : SkippedFile.Kind.PROBLEM));
                        return FileVisitResult.CONTINUE;
                    }
                });
        // Duplicates are settled in path order, so the same path wins on every run and every file system.
        Map<Path, Path> firstPathOf = new HashMap<>();
        for (Map.Entry<Path, Path> entry : found.entrySet()) {
            Path first = firstPathOf.putIfAbsent(entry.getValue(), entry.getKey());
            if (first == null) {
                listed.add(entry.getKey());
            } else {
                problems.add(new SkippedFile(entry.getKey(), "the same file as " + first
                        + " (reached again through a symbolic link): listed once", SkippedFile.Kind.NOTE));
            }
        }
        return new Result(listed, problems);
    }

    private static SkippedFile leaves(Path link, Path target, Path realRoot) {
        return new SkippedFile(link, "symbolic link to " + target + ", outside the folder " + realRoot
                + ": not followed, not read", SkippedFile.Kind.NOTE);
    }
}
