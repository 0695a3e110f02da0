package org.raylens.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a whole folder (an adapter, a synthetic model, a training report) so that its name only ever holds a
 * complete old or a complete new set of files. The content is written into a hidden staging folder beside the target
 * (every file through {@link AtomicFiles}, so each is forced to disk); then an existing target is renamed aside, the
 * staging folder renamed onto the name, and the old folder deleted. A kill between the two renames leaves the name
 * absent for a moment but the complete old folder under {@code .<name>.old-<uuid>}, never a half-written one.
 */
public final class AtomicFolder {

    /** Fills the staging folder; may throw anything, which aborts the write and deletes the staging folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void writeInto(Path staging) throws Exception;
    }

    private AtomicFolder() {}

    /** Writes {@code target} as a folder, replacing an existing folder of that name only when asked to. */
    public static void write(Path target, boolean overwrite, FolderWriter content) throws AtomicWriteException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new AtomicWriteException("the folder to write into does not exist", absolute);
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            if (!overwrite) {
                throw new AtomicWriteException("the folder exists and replacing it was not requested", absolute);
            }
            if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
                throw new AtomicWriteException("a file (not a folder) of that name exists", absolute);
            }
        }
        Path staging = parent.resolve("." + absolute.getFileName() + ".staging-" + UUID.randomUUID());
        boolean installed = false;
        try {
            Files.createDirectory(staging);
            content.writeInto(staging);
            Path aside = null;
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                aside = parent.resolve("." + absolute.getFileName() + ".old-" + UUID.randomUUID());
                Files.move(absolute, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            installed = true;
            AtomicFiles.forceFolder(parent);
            if (aside != null) {
                Folders.deleteTree(aside);
            }
        } catch (AtomicWriteException e) {
            throw e;
        } catch (AtomicMoveNotSupportedException e) {
            throw new AtomicWriteException("the file system cannot rename folders atomically", absolute, e);
        } catch (Exception e) {
            throw new AtomicWriteException("cannot write the folder", absolute, e);
        } finally {
            if (!installed) {
                try {
                    Folders.deleteTree(staging);
                } catch (IOException cleanup) {
                    // the hidden staging folder is harmless and named for what it is
                }
            }
        }
    }

    /**
     * Runs {@code content} directly in an existing {@code folder}, for a folder that also holds files this program
     * did not write and so must never be swapped out whole: each file the content writes is still atomic on its own
     * (it must write through {@link AtomicFiles}), but the set is not.
     */
    public static void writeFileByFile(Path folder, FolderWriter content) throws IOException {
        try {
            content.writeInto(folder);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AtomicWriteException("cannot write into the folder", folder.toAbsolutePath(), e);
        }
    }

}
