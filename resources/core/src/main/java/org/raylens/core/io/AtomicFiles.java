package org.raylens.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The one way RayLens writes a file: the bytes go to a hidden temporary file in the target's folder (same file
 * system, so the rename is atomic), are forced to disk, and the temporary file is renamed onto the target; the folder
 * is then forced too, so the rename survives a power cut. A name therefore only ever refers to a complete old or a
 * complete new file, whatever kills the process. Any failure, an exception from the content writer included, deletes
 * the temporary file and leaves the target as it was.
 *
 * <p>Temporary files are named {@code .<name>.<uuid>.part}; a process killed mid-write leaves one behind, harmless and
 * named for what it is.
 */
public final class AtomicFiles {

    /** Writes content to a stream; may throw anything, which aborts the write. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws Exception;
    }

    private AtomicFiles() {}

    /** Writes (or replaces) {@code target} with UTF-8 text. */
    public static void writeString(Path target, String text) throws AtomicWriteException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, true, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with UTF-8 text atomically but without forcing it to disk: a kill of the process still
     * leaves the complete old or new file, but a power cut right after may lose the change (on some file systems it
     * may even leave an empty file). Only for small state that is rewritten often, where waiting for the disk would
     * stall the program and losing the last change costs little, and whose reader survives an empty file: the
     * preferences saved as the window closes, where an fsync on a busy disk held the exit up for seconds.
     */
    public static void writeStringUnforced(Path target, String text) throws AtomicWriteException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, true, false, out -> out.write(bytes));
    }

    /** Writes (or replaces) {@code target} with the given bytes. */
    public static void writeBytes(Path target, byte[] bytes) throws AtomicWriteException {
        write(target, true, out -> out.write(bytes));
    }

    /** Writes (or replaces) {@code target} with what {@code content} produces. */
    public static void replace(Path target, ContentWriter content) throws AtomicWriteException {
        write(target, true, content);
    }

    /**
     * @param overwrite false to refuse an existing target (checked before writing and again, atomically, at the
     *                  rename)
     */
    public static void write(Path target, boolean overwrite, ContentWriter content) throws AtomicWriteException {
        write(target, overwrite, true, content);
    }

    private static void write(Path target, boolean overwrite, boolean force, ContentWriter content)
            throws AtomicWriteException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new AtomicWriteException("the folder does not exist", absolute);
        }
        if (Files.isDirectory(absolute)) {
            throw new AtomicWriteException("a folder of that name exists", absolute);
        }
        if (!overwrite && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new AtomicWriteException("the file exists and replacing it was not requested", absolute);
        }
        Path temp = createTemp(absolute);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            if (overwrite) {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                moveNoReplace(temp, absolute);
            }
            done = true;
            if (force) {
                forceFolder(folder);
            }
        } catch (FileAlreadyExistsException e) {
            throw new AtomicWriteException("the file appeared while it was being written; not replaced", absolute, e);
        } catch (AtomicMoveNotSupportedException e) {
            throw new AtomicWriteException("the file system cannot rename atomically", absolute, e);
        } catch (AtomicWriteException e) {
            throw e;
        } catch (Exception e) {
            throw new AtomicWriteException("cannot write", absolute, e);
        } finally {
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Creates the hidden temporary file beside {@code absolute}. Not {@code Files.createTempFile}: that makes the file
     * owner-only (0600), and a file a user exports should get the same permissions as any other file they create.
     */
    static Path createTemp(Path absolute) throws AtomicWriteException {
        Path folder = absolute.getParent();
        try {
            return Files.createFile(folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part"));
        } catch (IOException e) {
            throw new AtomicWriteException("cannot create a temporary file in " + folder, absolute, e);
        }
    }

    /**
     * Forces a folder's entries (a rename) to disk. Best effort: some platforms cannot open a folder for syncing
     * (Windows), and there the rename is as durable as the file system makes it anyway.
     */
    static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here; the data itself was forced before the rename
        }
    }

    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            // The original failure matters more; the hidden .part file is harmless and named for what it is.
        }
    }

    /**
     * Puts the finished temporary file under the target name unless a file appeared there meanwhile. A hard link
     * fails when the target exists, unlike a rename, which would silently replace it; where hard links are not
     * supported (FAT, some network shares) the existence is checked once more and the file renamed.
     */
    private static void moveNoReplace(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.delete(temp);
    }
}
