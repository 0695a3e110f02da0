package org.raylens.inference.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates ../shared (golden references) for tests: the {@code raylens.shared} system property that surefire sets,
 * else {@code ../shared} beside the repository root found from the working directory. Never a fixed path.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> root() {
        String prop = System.getProperty("raylens.shared");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath().normalize()) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("inference"))) {
                Path shared = dir.resolve("../shared").normalize();
                return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    public static Optional<Path> golden() {
        return root().map(r -> r.resolve("golden")).filter(Files::isDirectory);
    }
}
