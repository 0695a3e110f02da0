package org.raylens.inference.family.onnx;

import org.raylens.inference.family.imported.ImportEngine;
import org.raylens.inference.family.imported.ImportedFamily;

/**
 * Imported ONNX graphs with a {@code model.json} manifest, run by DJL's ONNX Runtime engine on the CPU, without any
 * custom-op library (docs/model-format.md). No gradients: ONNX Runtime runs inference only, so the capabilities list
 * no gradient layer and no input gradients (the UI greys the CAMs and the input-gradient methods with the reason), and
 * a trace asked for a gradient tail throws NoGradientsException. Occlusion and RISE need forwards only and run.
 */
public final class OnnxFamily extends ImportedFamily {
    public static final String NAME = "onnx";

    public OnnxFamily() {
        super(ImportEngine.ONNX);
    }

    @Override
    public String displayName() {
        return "ONNX (imported .onnx with model.json, ONNX Runtime)";
    }
}
