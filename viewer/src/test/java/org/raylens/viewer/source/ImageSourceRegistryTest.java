package org.raylens.viewer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.image.DisplayableImage;

class ImageSourceRegistryTest {

    @TempDir
    Path dir;

    /** A kind that answers a fixed score for one scheme and opens a source that only knows its URI. */
    private record ScoredKind(String name, String scheme, double score) implements ImageSourceKind {
        @Override
        public double supportScore(URI uri) {
            return scheme.equals(uri.getScheme()) ? score : 0;
        }

        @Override
        public ImageSource open(URI uri) {
            return new ImageSource() {
                @Override
                public URI uri() {
                    return uri;
                }

                @Override
                public String displayName() {
                    return name;
                }

                @Override
                public Optional<DicomFile> header() {
                    return Optional.empty();
                }

                @Override
                public DisplayableImage open() throws ImageSourceException {
                    throw new ImageSourceException(uri, "no pixels in a test kind");
                }
            };
        }
    }

    @Test
    void theKindWithTheHighestScoreOpensTheUriWhateverTheOrder() throws Exception {
        ScoredKind generic = new ScoredKind("generic", "web", 0.2);
        ScoredKind specialist = new ScoredKind("specialist", "web", 0.9);
        URI uri = URI.create("web://pacs/studies/1");
        for (List<ImageSourceKind> order : List.<List<ImageSourceKind>>of(List.of(generic, specialist),
                List.of(specialist, generic))) {
            ImageSourceRegistry registry = new ImageSourceRegistry(order);
            assertEquals("specialist", registry.open(uri).displayName());
            assertEquals(Optional.of(specialist), registry.best(uri));
        }
        ImageSourceRegistry tie = new ImageSourceRegistry(List.of(new ScoredKind("b", "web", 0.5),
                new ScoredKind("a", "web", 0.5)));
        assertEquals("a", tie.open(uri).displayName(), "ties go to the first by name, on every run");
    }

    @Test
    void aUriNoKindSupportsIsATypedErrorNamingTheUri() {
        ImageSourceRegistry registry = ImageSourceRegistry.fromServiceLoader();
        URI uri = URI.create("gopher://example.org/chest.dcm");
        UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class, () -> registry.open(uri));
        assertEquals(uri, e.uri());
        assertTrue(e.getMessage().startsWith("gopher://example.org/chest.dcm: no image source kind supports"),
                e.getMessage());
        assertTrue(e.getMessage().contains("file"), "it lists the installed kinds: " + e.getMessage());
    }

    @Test
    void theFileKindIsFoundByServiceLoaderAndOpensFilesAndFrames() throws Exception {
        ImageSourceRegistry registry = ImageSourceRegistry.fromServiceLoader();
        assertTrue(registry.kinds().stream().anyMatch(k -> k instanceof FileSourceKind), registry.kinds().toString());
        Path file = SourceFiles.multiFrame(dir.resolve("mf.dcm"), 3);

        ImageSource whole = registry.open(FileAddress.of(file).uri());
        assertInstanceOf(FileImageSource.class, whole);
        assertEquals(100, whole.open().modalityValue(0, 0), "the file shows its first frame");
        ImageSource third = registry.open(new FileAddress(file, 3).uri());
        assertEquals(300, third.open().modalityValue(1, 1));
        assertEquals("mf.dcm frame 3", third.displayName());
        assertEquals(Optional.of(file.toAbsolutePath().normalize()), third.localFile());

        ImageSource fourth = registry.open(new FileAddress(file, 4).uri());
        ImageSourceException e = assertThrows(ImageSourceException.class, fourth::open);
        assertTrue(e.getMessage().contains("has 3 frames, no frame 4"), e.getMessage());
        ImageSourceException missing = assertThrows(ImageSourceException.class,
                () -> registry.open(FileAddress.of(dir.resolve("gone.dcm")).uri()));
        assertTrue(missing.getMessage().contains("gone.dcm") && missing.getMessage().contains("no such file"),
                missing.getMessage());
    }
}
