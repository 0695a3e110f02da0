package org.raylens.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSourceRegistry;

/** The export dialogs suggest a name built from the image on screen, frame included. */
class ExportNamesTest {

    @TempDir
    Path tmp;

    @Test
    void theSuggestedNameComesFromTheSource() throws Exception {
        FileSourceKind files = new FileSourceKind();
        Path file = Files.writeString(tmp.resolve("IM 0001.dcm"), "x");
        assertEquals("IM_0001-figure.png", ExportNames.of(files.file(file), "figure.png"));
        var frame = new ImageSourceRegistry(List.of(files)).open(URI.create(file.toUri() + "#frame=3"));
        assertEquals("IM_0001-frame-3-sc.dcm", ExportNames.of(frame, "sc.dcm"));
        assertEquals("scores.csv", ExportNames.of(null, "scores.csv"), "no image: the plain name");
        assertEquals("noext-panels.png", ExportNames.of(files.file(tmp.resolve("noext")), "panels.png"));
    }
}
