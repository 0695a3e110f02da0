package org.raylens.app.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.family.imported.TinyImportedModels;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the window greys out for an imported CNN: on TorchScript every CAM and every input-gradient method is
 * offered; on its ONNX export they are greyed with the reason, while occlusion and RISE stay offered.
 */
class MethodAvailabilityImportedTest {
    @TempDir
    Path tmp;

    private static final List<String> CAMS = List.of("gradcam", "gradcam++", "hirescam", "xgradcam", "layercam",
            "eigencam", "scorecam", "ablationcam");
    private static final List<String> INPUT_GRADIENTS = List.of("saliency", "smoothgrad", "integrated-gradients");

    private static Map<String, String> unavailable(Path folder, String family) throws Exception {
        try (Encoder m = Encoders.builder().folder(folder).family(family).build(); EncoderSession s = m.newSession()) {
            return MethodAvailability.unavailable(Explainers.load(), m.capabilities(),
                    ExplainContext.of(m, s).numLayers());
        }
    }

    @Test
    void torchScriptOffersTheGradientMethodsAndOnnxSaysWhyNot() throws Exception {
        Path cnn = TinyImportedModels.copy(TinyImportedModels.CNN, tmp);
        Map<String, String> ts = unavailable(cnn, "torchscript");
        Map<String, String> onnx = unavailable(cnn, "onnx");
        for (String m : CAMS) {
            assertFalse(ts.containsKey(m), m + " on TorchScript: " + ts.get(m));
            assertEquals(MethodAvailability.NO_GRADIENTS, onnx.get(m), m + " on ONNX");
        }
        for (String m : INPUT_GRADIENTS) {
            assertFalse(ts.containsKey(m), m + " on TorchScript: " + ts.get(m));
            assertEquals(MethodAvailability.NO_INPUT_GRADIENTS, onnx.get(m), m + " on ONNX");
        }
        for (String m : List.of("occlusion", "rise", "pca")) {
            assertFalse(ts.containsKey(m), m);
            assertFalse(onnx.containsKey(m), m);
        }
    }
}
