package org.raylens.app.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output: a lock held on {@code <out>.lock} while a command appends to {@code out}, so two runs of
 * {@code embed} on the same table cannot both append the same images. The operating system releases the lock when the
 * process dies, however it dies, so a killed run never blocks the next one.
 *
 * <p>The lock file itself is left in place: deleting it on release would let a third process lock a new file of the
 * same name while a second still holds the old, unlinked one.
 */
final class OutputLock implements AutoCloseable {

    /** Another process (or another command in this one) is writing the same output. */
    static final class OutputInUseException extends IOException {
        OutputInUseException(Path output, Path lockFile) {
            super(output + " is being written by another raylens run (it holds " + lockFile + "); wait for it to"
                    + " finish or choose another --out");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".lock");
    }

    /** Takes the lock on {@code output}, or refuses at once when another writer holds it. */
    static OutputLock acquire(Path output) throws IOException {
        Path lockFile = lockFileOf(output);
        Path parent = lockFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new OutputInUseException(output, lockFile);
        }
        return new OutputLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
