package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.raylens.viewer.source.FileAddress;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.ImageSourceRegistry;

/**
 * The images a batch command ({@code embed}, {@code explain}) works on, from its arguments: each argument's source
 * as the {@link ImageSourceRegistry} opens it, and the files under a folder argument (searched recursively, sorted,
 * hidden files skipped, only those {@code accepts} takes). An argument that names nothing is a listed failure, not
 * the end of the batch.
 */
final class ImageInputs {

    private final ImageSourceRegistry registry;

    ImageInputs(ImageSourceRegistry registry) {
        this.registry = registry;
    }

    ImageInputs() {
        this(ImageSourceRegistry.fromServiceLoader());
    }

    /** The source one argument names (a folder is not a source). */
    ImageSource open(ImageArgument argument) throws ImageSourceException {
        return registry.open(argument.uri());
    }

    /** True when the argument names a local folder. */
    static boolean isFolder(ImageArgument argument) {
        return argument.wholeLocalFile().map(Files::isDirectory).orElse(false);
    }

    List<ImageSource> collect(List<ImageArgument> arguments, Predicate<ImageSource> accepts, BatchFailures failures)
            throws IOException {
        List<ImageSource> sources = new ArrayList<>();
        for (ImageArgument argument : arguments) {
            Optional<Path> folder = argument.wholeLocalFile().filter(Files::isDirectory);
            if (folder.isPresent()) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(folder.get())) {
                    files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().toList();
                }
                for (Path f : files) {
                    try {
                        ImageSource source = registry.open(FileAddress.of(f).uri());
                        if (accepts.test(source)) {
                            sources.add(source);
                        }
                    } catch (ImageSourceException e) {
                        failures.add(f.toString(), e); // gone between listing and opening
                    }
                }
            } else {
                try {
                    sources.add(open(argument));
                } catch (ImageSourceException e) {
                    if (argument.wholeLocalFile().map(p -> !Files.exists(p)).orElse(false)) {
                        failures.add(argument.text(), "NoSuchFileException", "no such file or folder");
                    } else {
                        failures.add(argument.text(), e);
                    }
                }
            }
        }
        return sources;
    }
}
