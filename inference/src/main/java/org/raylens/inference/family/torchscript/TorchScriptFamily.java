package org.raylens.inference.family.torchscript;

import org.raylens.inference.family.imported.ImportEngine;
import org.raylens.inference.family.imported.ImportedFamily;

/**
 * Imported TorchScript models ({@code torch.jit.trace}/{@code script} + save) with a {@code model.json} manifest,
 * run by DJL's PyTorch engine (docs/model-format.md). Preferred over ONNX when a manifest names both files, because
 * only TorchScript gives gradients: the CAMs at the graph's feature-map output and Saliency, SmoothGrad and Integrated
 * Gradients through the whole module (ImportedGradientTail says how and why there).
 */
public final class TorchScriptFamily extends ImportedFamily {
    public static final String NAME = "torchscript";

    public TorchScriptFamily() {
        super(ImportEngine.TORCHSCRIPT);
    }

    @Override
    public String displayName() {
        return "TorchScript (imported .pt with model.json)";
    }
}
