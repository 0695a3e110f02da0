package org.raylens.app.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.app.prefs.Preferences.ModelEntry;

/**
 * Checks that a folder, or a single weights file (an EVA-X {@code .pth}/{@code .pt}), holds a loadable encoder and
 * returns what the models panel lists about it. Blocking (loading
 * and hashing RAD-DINO takes seconds); called on a background thread. Tests pass a fake.
 */
@FunctionalInterface
public interface ModelValidator {

    ModelEntry validate(Path folder) throws IOException;

    /** Loads config and weights through the encoder's own loader on the CPU, then frees them. */
    static ModelValidator encoderLoader() {
        return encoderLoader(org.raylens.inference.weights.WeightsIdentity.userCache());
    }

    /** As {@link #encoderLoader()}, remembering weight digests in {@code identity}'s cache. */
    static ModelValidator encoderLoader(org.raylens.inference.weights.WeightsIdentity identity) {
        return folder -> {
            if (!Files.isDirectory(folder) && !Files.isRegularFile(folder)) {
                throw new IOException(folder + " is neither a folder nor a file; choose the model folder (for"
                        + " DINOv2/RAD-DINO the one that holds config.json and model.safetensors) or a weights file"
                        + " (an EVA-X .pth/.pt)");
            }
            try (var loaded = org.raylens.inference.encoder.Encoders.builder().folder(folder)
                    .device(org.raylens.inference.encoder.ComputeTarget.cpu()).identity(identity).build()) {
                Path weights = Path.of(loaded.provenance().weightsFile());
                long size = Files.isRegularFile(weights) ? Files.size(weights) : -1;
                String name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
                // The folder's own synthetic marking shows in the list too; analyses take it from the folder.
                String marking = loaded.provenance().synthetic() ? " \u2014 DEMO: random weights" : "";
                return new ModelEntry(folder.toAbsolutePath().toString(), name + " (" + loaded.provenance()
                        .architecture().replaceAll(" eps=.*", "") + ")" + marking, loaded.provenance().sha256(), size);
            }
        };
    }
}
