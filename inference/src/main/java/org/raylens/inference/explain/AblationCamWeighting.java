package org.raylens.inference.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Ablation-CAM (Desai and Ramaswamy 2020) as pytorch-grad-cam's ablation_cam.py and AblationLayerVit compute it: the
 * network runs on from the target layer once per channel with that channel ablated in every token (CLS and
 * registers too), and w_c = (score − score with c ablated) / score. The ablated value is pytorch-grad-cam's: 0 when
 * the layer's smallest activation is 0, else that minimum − 1e7 (a LayerNorm output is never 0); with
 * {@code ablation=zero}, the paper's 0. (pytorch-grad-cam lowers the value by a further 1e7 for each earlier copy
 * in a batch, so its weights depend on its batch size; here every channel gets the same value.) D + 1 passes of the
 * network's tail, shared by every target; needs the family's {@code GradientTail.scoresFromEdited}.
 */
final class AblationCamWeighting implements ForwardCamWeighting {

    @Override
    public String name() {
        return "ablationcam";
    }

    @Override
    public List<MethodParameters.Spec> parameters() {
        return List.of(new MethodParameters.Spec("ablation", "grad-cam",
                        "grad-cam: min − 1e7 unless the minimum is 0 (pytorch-grad-cam); zero: the paper's 0"),
                PerturbedScores.batchSpec());
    }

    @Override
    public List<double[]> weights(CamForwards f) {
        boolean zero = f.parameters().text("ablation", "grad-cam", List.of("grad-cam", "zero")).equals("zero");
        int d = f.layout().dim();
        double[] value = {Double.NaN};
        // copy 0 is the layer as it is (the reference score); copy c + 1 has channel c ablated
        float[][] scores = f.ofEditedActivations(d + 1, (v, tokens, layout) -> {
            if (Double.isNaN(value[0])) {
                value[0] = zero ? 0 : ablationValue(tokens);
            }
            if (v == 0) {
                return;
            }
            int c = v - 1;
            for (int i = c; i < tokens.length; i += d) {
                tokens[i] = (float) value[0];
            }
        });
        List<double[]> out = new ArrayList<>();
        for (float[] s : scores) {
            double[] w = new double[d];
            for (int c = 0; c < d; c++) {
                w[c] = ((double) s[0] - s[c + 1]) / s[0];
            }
            out.add(w);
        }
        return out;
    }

    /** pytorch-grad-cam's choice: 0 when the layer's minimum is 0, else the minimum − 1e7. */
    static double ablationValue(float[] tokens) {
        float min = Float.POSITIVE_INFINITY;
        for (float t : tokens) {
            min = Math.min(min, t);
        }
        return min == 0 ? 0 : min - 1e7;
    }
}
