package org.raylens.viewer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.study.HeaderReader;

class FileImageSourceTest {

    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();
    private final HeaderReader counting = file -> {
        reads.incrementAndGet();
        return DicomReader.readHeader(file);
    };
    private final FileSourceKind kind = new FileSourceKind(new ImageOpener(), counting);

    @Test
    void theHeaderIsReadOnceAndKept() throws Exception {
        Path file = SourceFiles.multiFrame(dir.resolve("mf.dcm"), 2);
        FileImageSource source = kind.file(file);
        DicomFile first = source.header().orElseThrow();
        assertSame(first, source.header().orElseThrow());
        assertEquals(1, reads.get());
        assertEquals("2.25.77002", first.dataset().getString(Tag.StudyInstanceUID));

        FileImageSource scanned = kind.scanned(file, first);
        assertSame(first, scanned.header().orElseThrow());
        assertEquals(1, reads.get(), "a header handed over by a scan is not read again");
    }

    @Test
    void aFileThatIsNotDicomHasNoHeaderAndABrokenOneATypedErrorAskedOnce() throws Exception {
        Path text = Files.writeString(dir.resolve("notes"), "plain text, not an image, long enough to sniff"
                + " past the 132-byte preamble of a DICOM file: ".repeat(4));
        assertTrue(kind.file(text).header().isEmpty());
        assertTrue(kind.notDicom(text).header().isEmpty());
        assertEquals(1, reads.get(), "notDicom() knows already");

        Path file = SourceFiles.multiFrame(dir.resolve("cut.dcm"), 2);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, 200));
        FileImageSource cut = kind.file(file);
        ImageSourceException e = assertThrows(ImageSourceException.class, cut::header);
        assertThrows(ImageSourceException.class, cut::header);
        assertEquals(2, reads.get(), "the failure is kept too");
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(cut.uri(), e.uri());
    }

    @Test
    void sourcesAreEqualByUriAlone() throws Exception {
        Path file = SourceFiles.multiFrame(dir.resolve("mf.dcm"), 2);
        FileImageSource a = kind.file(file);
        FileImageSource b = kind.scanned(dir.resolve(".").resolve("mf.dcm"), a.header().orElseThrow());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, kind.open(new FileAddress(file, 2).uri()));
    }
}
