package org.raylens.inference.family.imported;

import org.raylens.inference.encoder.TorchEngine;

import java.util.Locale;

/**
 * The two runtimes an imported model can run on, each with its manifest key ({@code files.torchscript},
 * {@code files.onnx}), its encoder family name and the DJL engine that runs it. The DJL engine is always named per
 * model, never left to DJL's default, so that adding ONNX Runtime to the class path changes nothing for the rest of
 * RayLens (which runs on {@link TorchEngine}).
 */
public enum ImportEngine {
    TORCHSCRIPT("torchscript", TorchEngine.NAME, ".pt"),
    ONNX("onnx", "OnnxRuntime", ".onnx");

    private final String key;
    private final String djlEngine;
    private final String extension;

    ImportEngine(String key, String djlEngine, String extension) {
        this.key = key;
        this.djlEngine = djlEngine;
        this.extension = extension;
    }

    /** The manifest key and the encoder family name. */
    public String key() {
        return key;
    }

    /** DJL's engine name (Criteria.optEngine). */
    public String djlEngine() {
        return djlEngine;
    }

    /** The usual file name ending. */
    public String extension() {
        return extension;
    }

    /** The engine whose files end like {@code fileName}, or null. */
    public static ImportEngine byFileName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".onnx")) {
            return ONNX;
        }
        return n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ts") || n.endsWith(".torchscript")
                ? TORCHSCRIPT : null;
    }
}
