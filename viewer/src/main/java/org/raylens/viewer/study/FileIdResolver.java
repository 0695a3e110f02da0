package org.raylens.viewer.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a Referenced File ID (0004,1500) — path components, PS3.10 §8.5 — into a path inside the DICOMDIR's
 * folder, and refuses anything that would leave it: empty, "." or ".." components, separators or drive letters
 * inside a component, and files whose real path (after symbolic links) is outside the folder's real path.
 */
final class FileIdResolver {
    private final Path folder;
    private final Path dicomdir;
    private Path realFolder;

    FileIdResolver(Path dicomdir) {
        this.dicomdir = dicomdir;
        Path parent = dicomdir.toAbsolutePath().normalize().getParent();
        this.folder = parent;
    }

    Path resolve(String[] components) throws UnsafeFileReferenceException {
        if (components.length == 0) {
            throw unsafe("empty Referenced File ID");
        }
        Path p = folder;
        for (String c : components) {
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('/') >= 0 || c.indexOf('\\') >= 0
                    || c.indexOf(':') >= 0 || c.indexOf('\0') >= 0) {
                throw unsafe("Referenced File ID component '" + c + "' is not a plain file or folder name");
            }
            try {
                p = p.resolve(c);
            } catch (InvalidPathException e) {
                throw unsafe("Referenced File ID component '" + c + "' is not a valid name here: " + e.getReason());
            }
        }
        p = p.normalize();
        if (!p.startsWith(folder) || p.equals(folder)) {
            throw unsafe("Referenced File ID " + String.join("\\", components) + " leaves the DICOMDIR's folder");
        }
        if (Files.exists(p)) {
            try {
                Path real = p.toRealPath();
                if (!real.startsWith(realFolder())) {
                    throw unsafe("Referenced File ID " + String.join("\\", components)
                            + " is a symbolic link that leads outside the DICOMDIR's folder, to " + real);
                }
            } catch (IOException e) {
                throw unsafe("cannot resolve " + p + ": " + e);
            }
        }
        return p;
    }

    private Path realFolder() throws IOException {
        if (realFolder == null) {
            realFolder = folder.toRealPath();
        }
        return realFolder;
    }

    private UnsafeFileReferenceException unsafe(String reason) {
        return new UnsafeFileReferenceException(reason, dicomdir);
    }
}
