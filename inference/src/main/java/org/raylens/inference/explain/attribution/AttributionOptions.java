package org.raylens.inference.explain.attribution;

/**
 * The settings of the gradient attribution methods.
 *
 * @param samples       SmoothGrad's noisy copies (N)
 * @param sigmaFraction SmoothGrad's noise σ as a fraction of the input's value range (max − min)
 * @param seed          SmoothGrad's noise seed
 * @param steps         Integrated Gradients' points on the path
 * @param rule          how Integrated Gradients integrates
 * @param baseline      Integrated Gradients' constant baseline, in normalised input units (0 = Captum's default:
 *                      the normalisation's mean image)
 * @param batch         images per gradient pass (memory: see the family's input-gradient cost)
 */
public record AttributionOptions(int samples, double sigmaFraction, long seed, int steps, IntegrationRule rule,
                                 float baseline, int batch) {
    public AttributionOptions {
        if (samples < 1 || !(sigmaFraction >= 0) || steps < 1 || batch < 1 || !Float.isFinite(baseline)) {
            throw new IllegalArgumentException("attribution options need samples ≥ 1, σ ≥ 0, steps ≥ 1, batch ≥ 1 and a"
                    + " finite baseline: " + this);
        }
    }

    /**
     * Captum's defaults where it has them (Integrated Gradients: 50 Gauss–Legendre steps from zeros); SmoothGrad with
     * the paper's advice (σ = 15 % of the range; 25 samples rather than Captum's 5, which leaves visible noise).
     * One image per gradient pass: a pass keeps every layer's activations for the backward, about 3 GB per image for
     * RAD-DINO at 518 px. SmoothGrad of 4 samples on that geometry took 72.8 s and 13.3 GB resident at 4 images a
     * pass, 39.2 s and 3.6 GB at one (2-core CPU, 2026-12-07): a batch is not faster on the CPU.
     */
    public static AttributionOptions defaults() {
        return new AttributionOptions(25, 0.15, 0, 50, IntegrationRule.GAUSS_LEGENDRE, 0f, 1);
    }

    public String describeSmoothGrad() {
        return "N=" + samples + " σ=" + sigmaFraction + "·range seed=" + seed;
    }

    public String describeIntegratedGradients() {
        return steps + " steps " + rule.cliName() + " baseline=" + baseline;
    }
}
