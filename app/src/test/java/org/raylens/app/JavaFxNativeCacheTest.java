package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxNativeCacheTest {

    @TempDir
    Path tmp;

    @Test
    void extractsTheJarsNativeLibrariesIntoAPerVersionFolderAndPointsJavaFxAtIt() throws Exception {
        byte[] glass = bytes(1, 300_000);
        Path jar = jar(glass);
        Properties props = new Properties();

        Optional<Path> folder = JavaFxNativeCache.prepare(tmp.resolve("data"), jar, "21.0.12", "amd64", props);

        Path expected = tmp.resolve("data/javafx-natives/21.0.12/amd64");
        assertEquals(Optional.of(expected), folder);
        assertEquals(expected.toString(), props.getProperty("javafx.cachedir"));
        assertArrayEquals(glass, Files.readAllBytes(expected.resolve("libglassgtk3.so")));
        try (var files = Files.list(expected)) {
            assertEquals(List.of("libglassgtk3.so"), files.map(p -> p.getFileName().toString()).toList(),
                    "only top-level libraries, and no temporary files left");
        }
        assertEquals(List.of(), JavaFxNativeCache.extract(jar, expected), "a complete cache is not rewritten");
    }

    @Test
    void aHalfWrittenLibraryLeftByAnotherRunIsReplacedByTheWholeOne() throws Exception {
        byte[] glass = bytes(2, 200_000);
        Path jar = jar(glass);
        Path folder = JavaFxNativeCache.cacheFolder(tmp, "21.0.12", "amd64");
        Files.createDirectories(folder);
        Files.write(folder.resolve("libglassgtk3.so"), java.util.Arrays.copyOf(glass, 4096));

        assertEquals(List.of("libglassgtk3.so"), JavaFxNativeCache.extract(jar, folder));
        assertArrayEquals(glass, Files.readAllBytes(folder.resolve("libglassgtk3.so")));
    }

    @Test
    void whileTwoStartsExtractAtOnceTheLibraryIsNeverSeenIncomplete() throws Exception {
        byte[] glass = bytes(3, 2_000_000);
        Path jar = jar(glass);
        Path folder = JavaFxNativeCache.cacheFolder(tmp, "21.0.12", "amd64");
        Path lib = folder.resolve("libglassgtk3.so");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    if (Files.exists(lib)) {
                        byte[] seen = Files.readAllBytes(lib);
                        if (seen.length != glass.length) {
                            torn.add(seen.length + " bytes");
                        }
                    }
                } catch (IOException e) {
                    torn.add(e.toString()); // a name that vanished between exists and read
                }
            }
        });
        reader.start();
        List<Thread> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                for (int round = 0; round < 5; round++) {
                    try {
                        Files.deleteIfExists(lib); // as a changed checksum makes JavaFX do
                        JavaFxNativeCache.extract(jar, folder);
                    } catch (IOException e) {
                        torn.add(e.toString());
                    }
                }
            });
            starts.add(t);
            t.start();
        }
        for (Thread t : starts) {
            t.join();
        }
        writing.set(false);
        reader.join();
        assertEquals(List.of(), torn.stream().filter(s -> !s.contains("NoSuchFile")).toList());
        assertArrayEquals(glass, Files.readAllBytes(lib));
    }

    @Test
    void aCacheFolderChosenByTheUserIsKept() throws Exception {
        Properties props = new Properties();
        props.setProperty("javafx.cachedir", "/somewhere/else");
        assertEquals(Optional.empty(),
                JavaFxNativeCache.prepare(tmp, jar(bytes(4, 10)), "21.0.12", "amd64", props));
        assertEquals("/somewhere/else", props.getProperty("javafx.cachedir"));
        assertTrue(Files.notExists(tmp.resolve("javafx-natives")));
    }

    @Test
    void theJavaFxOnThisClassPathIsFoundAndItsGlassLibraryExtracted() {
        // The test JVM runs JavaFX from its Maven jar, as javafx:run does.
        Properties before = (Properties) System.getProperties().clone();
        try {
            System.clearProperty("javafx.cachedir");
            Optional<Path> folder = JavaFxNativeCache.prepare(tmp);
            assertTrue(folder.isPresent(), "JavaFX's jar was not found");
            assertTrue(Files.isRegularFile(folder.get().resolve("libglass.so"))
                    || Files.isRegularFile(folder.get().resolve("glass.dll"))
                    || Files.isRegularFile(folder.get().resolve("libglass.dylib")), "no glass library in " + folder);
        } finally {
            System.setProperties(before);
        }
    }

    private Path jar(byte[] glass) throws IOException {
        Path jar = Files.createTempFile(tmp, "javafx-graphics", ".jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("libglassgtk3.so"));
            zip.write(glass);
            zip.putNextEntry(new ZipEntry("com/sun/glass/ui/gtk/Fake.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.putNextEntry(new ZipEntry("META-INF/"));
        }
        return jar;
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

}
