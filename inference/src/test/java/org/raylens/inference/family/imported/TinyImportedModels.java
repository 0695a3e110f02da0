package org.raylens.inference.family.imported;

import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny imported models of the gradient tests (src/test/resources/.../family/imported, made once by
 * make_tiny_cnn.py there), copied out of the class path into a folder, since a model folder must be a folder (and
 * the app's tests read these from the inference test jar).
 */
public final class TinyImportedModels {
    /** A CNN classifier (TorchScript and ONNX): feature map (6, 8, 8), GAP, linear, 3 logits; input 1 x 32 x 32. */
    public static final String CNN = "tiny_cnn";
    /** A linear model (TorchScript): 4x4 stride-4 convolution, GAP, linear, 3 logits; input 1 x 8 x 8. */
    public static final String LINEAR = "tiny_linear";

    private static final List<String> FILES = List.of("model.json", "model.pt", "model.onnx", "head_weight.npy",
            "head_bias.npy", "conv_weight.npy");

    private TinyImportedModels() {
    }

    /** The model's folder copied under {@code into}; returns the copy. */
    public static Path copy(String model, Path into) throws IOException {
        Path dir = into.resolve(model);
        Files.createDirectories(dir);
        for (String f : FILES) {
            try (InputStream in = TinyImportedModels.class.getResourceAsStream(model + "/" + f)) {
                if (in != null) {
                    AtomicFiles.writeBytes(dir.resolve(f), in.readAllBytes());
                }
            }
        }
        if (!Files.isRegularFile(dir.resolve("model.json"))) {
            throw new IOException("test resource " + model + " is missing from the class path");
        }
        return dir;
    }
}
