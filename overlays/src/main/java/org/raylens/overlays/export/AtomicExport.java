package org.raylens.overlays.export;

import java.nio.file.Path;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.AtomicWriteException;

/** Exports go through the program's one atomic writer; this only turns its failure into the export's typed error. */
final class AtomicExport {

    private AtomicExport() {}

    static void write(Path target, boolean overwrite, AtomicFiles.ContentWriter content) throws ExportException {
        try {
            AtomicFiles.write(target, overwrite, content);
        } catch (AtomicWriteException e) {
            throw new ExportException(e);
        }
    }
}
