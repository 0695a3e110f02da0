package org.raylens.inference.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Whether a snapshot folder looks like a model RayLens can load: a Hugging Face folder ({@code config.json} with
 * {@code model.safetensors}) or a PyTorch checkpoint ({@code .pt}/{@code .pth}). A quick local look at file names,
 * nothing is opened. TODO: ask the encoder-family registry (issue 14's EVA-X work) instead, so that the answer names
 * the family and follows new families without changes here.
 */
public final class ModelFolderCheck {
    private ModelFolderCheck() {}

    /** What was found, or {@link #NONE}. */
    public enum Kind {
        SAFETENSORS_FOLDER("config.json + model.safetensors"),
        PYTORCH_CHECKPOINT(".pt/.pth checkpoint"),
        NONE("no loadable weights");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static Kind check(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve("config.json")) && Files.isRegularFile(folder.resolve("model.safetensors"))) {
            return Kind.SAFETENSORS_FOLDER;
        }
        try (Stream<Path> files = Files.list(folder)) {
            boolean checkpoint = files.anyMatch(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return (name.endsWith(".pt") || name.endsWith(".pth")) && Files.isRegularFile(f);
            });
            return checkpoint ? Kind.PYTORCH_CHECKPOINT : Kind.NONE;
        }
    }
}
