package org.raylens.overlays.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that its name only ever refers to a complete file: the bytes go to a hidden temporary file in the
 * target's folder (same file system, so the rename is atomic), are forced to disk, and the temporary file is renamed
 * onto the target. Any failure, an exception from the content writer included, deletes the temporary file and leaves
 * the target as it was.
 */
public final class AtomicFiles {

    /** Writes content to a stream; may throw anything, which aborts the write. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws Exception;
    }

    private AtomicFiles() {}

    /**
     * @param overwrite false to refuse an existing target (checked before writing and again, atomically, at the
     *                  rename)
     */
    public static void write(Path target, boolean overwrite, ContentWriter content) throws ExportException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ExportException("the folder does not exist", absolute);
        }
        if (!overwrite && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new ExportException("the file exists and replacing it was not requested", absolute);
        }
        Path temp;
        try {
            temp = Files.createFile(folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part"));
        } catch (IOException e) {
            throw new ExportException("cannot create a temporary file in " + folder, absolute, e);
        }
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (overwrite) {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                moveNoReplace(temp, absolute);
            }
            done = true;
        } catch (FileAlreadyExistsException e) {
            throw new ExportException("the file appeared while it was being written; not replaced", absolute, e);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ExportException("the file system cannot rename atomically", absolute, e);
        } catch (Exception e) {
            throw new ExportException("cannot write", absolute, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException cleanup) {
                    // The original failure matters more; the hidden .part file is harmless and named for what it is.
                }
            }
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
