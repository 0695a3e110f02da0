package org.raylens.viewer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAddressTest {

    @TempDir
    Path dir;

    @Test
    void aFileUriRoundTripsWithoutAFragment() throws Exception {
        Path file = dir.resolve("CXR study #2").resolve("IM 1 é.dcm");
        URI uri = FileAddress.of(file).uri();
        assertEquals("file", uri.getScheme());
        assertEquals(null, uri.getFragment(), "the '#' in the folder name is escaped, not a fragment");
        FileAddress back = FileAddress.parse(uri);
        assertEquals(file.toAbsolutePath().normalize(), back.file());
        assertFalse(back.isFrame());
        assertEquals(uri, back.uri());
    }

    @Test
    void aFrameUriRoundTripsWithItsFrameNumber() throws Exception {
        Path file = dir.resolve("multi frame.dcm");
        URI uri = new FileAddress(file, 3).uri();
        assertTrue(uri.toString().endsWith(".dcm#frame=3"), uri.toString());
        FileAddress back = FileAddress.parse(uri);
        assertEquals(file.toAbsolutePath().normalize(), back.file());
        assertEquals(3, back.frame());
        assertEquals(uri, back.uri());
        assertEquals(back, FileAddress.parse(URI.create(uri.toString())), "parsed from its text too");
    }

    @Test
    void malformedFileUrisAreTypedErrorsNamingTheUri() {
        for (String bad : new String[] {"file:///x.dcm#frame=0", "file:///x.dcm#frame=", "file:///x.dcm#frame=2a",
                "file:///x.dcm#page=2", "file:///x.dcm?frame=2", "http://example.org/x.dcm", "file:x.dcm"}) {
            URI uri = URI.create(bad);
            ImageSourceException e = assertThrows(ImageSourceException.class, () -> FileAddress.parse(uri), bad);
            assertEquals(uri, e.uri());
            assertTrue(e.getMessage().startsWith(bad), e.getMessage());
        }
    }
}
