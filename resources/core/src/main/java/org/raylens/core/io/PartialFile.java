package org.raylens.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written in several sessions that appears under its final name only when it is whole: the atomic write of
 * {@link AtomicFiles} for content that arrives over a long, interruptible stream (a model download) and must survive a
 * kill so that the next run can go on from where it stopped. The bytes go to a named part file beside the target (same
 * folder, so the rename is atomic), appended to across sessions; {@link #commit()} forces them to disk, renames the
 * part onto the target and forces the folder. Until then the target name never refers to a partial file.
 *
 * <p>Unlike {@link AtomicFiles}, the part file's name is chosen by the caller and kept after a failure: a resumable
 * download needs to find it again (the Hugging Face cache names it {@code blobs/<etag>.incomplete}). An exclusive lock
 * on the part file keeps two processes from appending to the same one at once.
 */
public final class PartialFile implements AutoCloseable {
    private final Path part;
    private final Path target;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private PartialFile(Path part, Path target, FileChannel channel, FileLock lock) {
        this.part = part;
        this.target = target;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Opens (or creates) {@code part}, positioned at its end, to become {@code target} later.
     *
     * @throws AtomicWriteException when the two are not in one folder, the part cannot be opened, or another process
     *                              is writing it
     */
    public static PartialFile open(Path part, Path target) throws AtomicWriteException {
        Path absolutePart = part.toAbsolutePath();
        Path absoluteTarget = target.toAbsolutePath();
        if (!absolutePart.getParent().equals(absoluteTarget.getParent())) {
            throw new AtomicWriteException("the part file must be in the target's folder (" + absolutePart + ")",
                    absoluteTarget);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(absolutePart, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new AtomicWriteException("cannot open the part file " + absolutePart, absoluteTarget, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new AtomicWriteException("another process is writing " + absolutePart, absoluteTarget);
            }
            channel.position(channel.size());
            return new PartialFile(absolutePart, absoluteTarget, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new AtomicWriteException("this process is already writing " + absolutePart, absoluteTarget, e);
        } catch (AtomicWriteException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AtomicWriteException("cannot lock the part file " + absolutePart, absoluteTarget, e);
        }
    }

    /** Bytes in the part file so far (what an earlier session left, plus what this one appended). */
    public long length() throws IOException {
        return channel.position();
    }

    /** The part file's channel for reading what is already there (e.g. to hash it before resuming). */
    public FileChannel reader() {
        return channel;
    }

    /** Appends all of {@code bytes}. */
    public void append(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Drops everything written so far (the source restarted from byte 0). */
    public void truncate() throws IOException {
        channel.truncate(0);
        channel.position(0);
    }

    /** Forces the bytes to disk and renames the part onto the target, replacing it; the part file is gone after. */
    public void commit() throws AtomicWriteException {
        try {
            channel.force(true);
            try {
                // renamed while still locked, so no other writer can open the part in between
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                close();
            } catch (AtomicMoveNotSupportedException e) {
                throw e;
            } catch (IOException openFileCannotMove) {
                // Windows refuses to rename an open file: close, then rename
                close();
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new AtomicWriteException("the file system cannot rename atomically", target, e);
        } catch (IOException e) {
            throw new AtomicWriteException("cannot move the finished part file into place", target, e);
        }
        AtomicFiles.forceFolder(target.getParent());
    }

    /** Closes and deletes the part file (its content is known to be wrong). */
    public void discard() throws IOException {
        close();
        Files.deleteIfExists(part);
    }

    /** Closes the part file and keeps it, so a later session can resume. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.force(false);
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the original failure is the one to report; nothing was written through this channel
        }
    }
}
