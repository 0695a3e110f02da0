package org.raylens.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Creates or replaces a symbolic link atomically: the link is made under a hidden temporary name in the same folder
 * and renamed onto its final name (a rename moves the link itself, never what it points to), so the name always
 * refers to the old or the new link, never to nothing. The Hugging Face cache's snapshot entries are such links.
 */
public final class AtomicSymlinks {
    private AtomicSymlinks() {}

    /**
     * @param link   the link's name
     * @param target what it points to, stored as given (pass a relative path for a link that survives moving the
     *               folder that holds both)
     */
    public static void replace(Path link, Path target) throws AtomicWriteException {
        Path absolute = link.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temp = folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".link");
        try {
            Files.createSymbolicLink(temp, target);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            AtomicFiles.deleteQuietly(temp);
            throw new AtomicWriteException("cannot create the link (to " + target + ")", absolute, e);
        }
        AtomicFiles.forceFolder(folder);
    }
}
