package org.raylens.viewer.study;

import org.raylens.core.progress.Progress;
import org.raylens.core.progress.CancellationToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.NotDicomException;

/**
 * Indexes every DICOM file under a folder, recursively, reading headers only and in parallel. Files that are not
 * DICOM, unreadable, broken or not placeable in the tree are listed in {@link StudyIndex#skipped()} with the
 * reason; the scan itself never stops for a file. Symbolic links follow {@link FolderListing}'s policy: followed
 * inside the folder (and a symlinked folder itself), refused and reported when they leave it or dangle.
 *
 * <p>Callers that keep the headers (the window makes image sources of them) pass a {@link HeaderSink}, so each
 * header is read once for the index and for them together.
 */
public final class FolderScanner {

    private final ParallelHeaderReader reader;
    private final Predicate<Path> folders;
    private final Predicate<Path> files;

    public FolderScanner() {
        this(ParallelHeaderReader.defaultThreads());
    }

    /** @param threads header-reading threads (named daemon threads, released when each scan ends) */
    public FolderScanner(int threads) {
        this(threads, HeaderReader.DICOM);
    }

    /** @param headers how each file's header is read; tests count reads through it */
    public FolderScanner(int threads, HeaderReader headers) {
        this(new ParallelHeaderReader(threads, headers), p -> true, p -> true);
    }

    private FolderScanner(ParallelHeaderReader reader, Predicate<Path> folders, Predicate<Path> files) {
        this.reader = reader;
        this.folders = folders;
        this.files = files;
    }

    /** A scanner that enters only the folders and looks only at the files these accept (neither is reported). */
    public FolderScanner filtered(Predicate<Path> folders, Predicate<Path> files) {
        return new FolderScanner(reader, Objects.requireNonNull(folders), Objects.requireNonNull(files));
    }

    /**
     * Scans {@code root} (a folder, or a single file).
     *
     * @throws NoSuchFileException   when {@code root} does not exist
     * @throws CancellationException when {@code cancel} was cancelled; nothing partial is returned
     */
    public StudyIndex scan(Path root, Progress progress, CancellationToken cancel) throws IOException {
        return scan(root, progress, cancel, HeaderSink.NONE);
    }

    /** Scans {@code root} as {@link #scan(Path, Progress, CancellationToken)}, handing each header read on. */
    public StudyIndex scan(Path root, Progress progress, CancellationToken cancel, HeaderSink headers)
            throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString());
        }
        StudyTreeBuilder tree = new StudyTreeBuilder();
        List<Path> listed = listFiles(root, tree, cancel);
        reader.readAll(listed, result -> collect(result, tree, headers), progress, cancel);
        return tree.build();
    }

    public StudyIndex scan(Path root) throws IOException {
        return scan(root, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * Indexes exactly the files given (no listing, no filter): for files chosen one by one. Files that do not exist
     * are skipped as problems, like any other unreadable file.
     */
    public StudyIndex index(List<Path> given, Progress progress, CancellationToken cancel,
            HeaderSink headers) {
        StudyTreeBuilder tree = new StudyTreeBuilder();
        reader.readAll(List.copyOf(given), result -> collect(result, tree, headers), progress, cancel);
        return tree.build();
    }

    private static void collect(ParallelHeaderReader.Result result, StudyTreeBuilder tree, HeaderSink headers) {
        if (result.error() != null) {
            Exception e = result.error();
            tree.skip(new SkippedFile(result.path(),
                    e instanceof DicomException de ? de.reason() + location(de) : e.toString(),
                    e instanceof NotDicomException ? SkippedFile.Kind.NOT_DICOM : SkippedFile.Kind.PROBLEM));
            return;
        }
        try {
            tree.add(IndexedFile.fromHeader(result.path(), result.header()));
            headers.accept(result.path(), result.header());
        } catch (IndexedFile.NotAnInstanceException e) {
            tree.skip(new SkippedFile(result.path(), e.reason(), e.kind()));
        }
    }

    private static String location(DicomException e) {
        StringBuilder sb = new StringBuilder();
        if (e.tag() != DicomException.NO_TAG) {
            sb.append(" (tag ").append(org.raylens.viewer.dicom.Tag.toString(e.tag()));
        }
        if (e.offset() != DicomException.NO_OFFSET) {
            sb.append(sb.length() == 0 ? " (" : ", ").append("byte ").append(e.offset());
        }
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }

    private List<Path> listFiles(Path root, StudyTreeBuilder tree, CancellationToken cancel) throws IOException {
        FolderListing.Result listing = FolderListing.list(root, folders, files, cancel);
        for (SkippedFile problem : listing.problems()) {
            tree.skip(problem);
        }
        return listing.files();
    }
}
