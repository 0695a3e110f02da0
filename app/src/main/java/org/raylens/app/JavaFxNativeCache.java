package org.raylens.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.raylens.core.io.AtomicFiles;

/**
 * Gives JavaFX's native libraries a cache folder of RayLens's own, filled atomically, before JavaFX loads them.
 *
 * <p>Run from its Maven jars (the README's {@code javafx:run}, the tests), JavaFX copies its native libraries out
 * of the jar on first use into {@code ~/.openjfx/cache/<version>} with a plain copy, and deletes a file whose
 * checksum differs from the jar's. Two JVMs starting at the same time (a test run and the window, two windows) can
 * therefore load a library another one is still writing, or lose it to the other's delete: "Unable to load glass GTK
 * library" once, fine on the next run. RayLens points {@code javafx.cachedir} at a per-version folder under its data
 * folder and extracts the libraries there itself, each through {@link AtomicFiles} (a complete temporary file renamed
 * onto the name), so a name only ever refers to a complete library; JavaFX then finds each file with the checksum it
 * expects and loads it without writing. A jlink'd runtime (the installed packages) has the libraries in its own lib
 * folder: nothing to do there.
 */
public final class JavaFxNativeCache {

    static final String CACHE_DIR_PROPERTY = "javafx.cachedir";

    private static final Logger LOG = Logger.getLogger(JavaFxNativeCache.class.getName());

    private JavaFxNativeCache() {
    }

    /**
     * Prepares the cache for the JavaFX on this JVM's module or class path, unless {@code javafx.cachedir} is
     * already set. Returns the folder JavaFX will use, if RayLens chose it. Never throws: JavaFX's own extraction
     * remains the fallback.
     */
    public static Optional<Path> prepare(Path dataDir) {
        Class<?> javafx = javafx.application.Platform.class; // loads no native code
        Optional<Path> jar = jarOf(javafx.getProtectionDomain().getCodeSource());
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        String version = javafx.getModule().getDescriptor() != null
                ? javafx.getModule().getDescriptor().rawVersion().orElse(stem(jar.get()))
                : stem(jar.get());
        return prepare(dataDir, jar.get(), version, System.getProperty("os.arch", "unknown"),
                System.getProperties());
    }

    /** The testable core: extracts {@code jar}'s native libraries and sets the property in {@code properties}. */
    static Optional<Path> prepare(Path dataDir, Path jar, String version, String arch, Properties properties) {
        if (!properties.getProperty(CACHE_DIR_PROPERTY, "").isEmpty()) {
            return Optional.empty();
        }
        Path folder = cacheFolder(dataDir, version, arch);
        try {
            extract(jar, folder);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not prepare JavaFX's native libraries in " + folder
                    + "; JavaFX extracts them itself", e);
            return Optional.empty();
        }
        properties.setProperty(CACHE_DIR_PROPERTY, folder.toString());
        return Optional.of(folder);
    }

    static Path cacheFolder(Path dataDir, String version, String arch) {
        return dataDir.resolve("javafx-natives").resolve(safe(version)).resolve(safe(arch));
    }

    /** Writes every native library at the jar's top level whose copy in {@code folder} is missing or differs. */
    static List<String> extract(Path jar, Path folder) throws IOException {
        List<String> written = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> natives = zip.stream().filter(JavaFxNativeCache::isNativeLibrary).toList();
            if (natives.isEmpty()) {
                return written;
            }
            Files.createDirectories(folder);
            for (ZipEntry entry : natives) {
                Path target = folder.resolve(entry.getName());
                byte[] expected;
                try (InputStream in = zip.getInputStream(entry)) {
                    expected = sha256(in);
                }
                if (Files.isRegularFile(target)) {
                    try (InputStream in = Files.newInputStream(target)) {
                        if (Arrays.equals(expected, sha256(in))) {
                            continue;
                        }
                    }
                }
                AtomicFiles.replace(target, out -> {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                });
                written.add(entry.getName());
            }
        }
        return written;
    }

    private static boolean isNativeLibrary(ZipEntry e) {
        String name = e.getName();
        String lower = name.toLowerCase(Locale.ROOT);
        return !e.isDirectory() && name.indexOf('/') < 0
                && (lower.endsWith(".so") || lower.endsWith(".dll") || lower.endsWith(".dylib")
                        || lower.endsWith(".jnilib"));
    }

    private static Optional<Path> jarOf(CodeSource source) {
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty(); // a jlink'd runtime (jrt:) or an unusual class loader
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "JavaFX's code source is not a local jar: " + source.getLocation(), e);
            return Optional.empty();
        }
    }

    private static String stem(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static byte[] sha256(InputStream in) throws IOException {
        try {
            DigestInputStream digest = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"));
            digest.transferTo(java.io.OutputStream.nullOutputStream());
            return digest.getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
