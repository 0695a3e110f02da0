package org.raylens.viewer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every output names an image by its URI in ASCII: spaces and non-ASCII letters percent-encoded, frames kept. */
class SourceNamesTest {

    @Test
    void aFileAndItsFramesAreNamedByTheirUris() throws Exception {
        Path file = Path.of("/data/Zoë scans/IM 1.dcm");
        String whole = SourceNames.of(file);
        assertEquals("file:///data/Zo%C3%AB%20scans/IM%201.dcm", whole);
        assertEquals(whole, SourceNames.of(FileAddress.of(file).uri()));
        String frame = SourceNames.of(new FileAddress(file, 3).uri());
        assertEquals(whole + "#frame=3", frame);
        assertTrue(frame.chars().allMatch(c -> c < 128), "ASCII only: " + frame);
        assertEquals(new FileAddress(file, 3), FileAddress.parse(java.net.URI.create(frame)), "and it reads back");
    }
}
