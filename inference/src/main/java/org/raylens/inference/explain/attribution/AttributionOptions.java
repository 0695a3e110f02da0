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
     */
    public static AttributionOptions defaults() {
        return new AttributionOptions(25, 0.15, 0, 50, IntegrationRule.GAUSS_LEGENDRE, 0f, 4);
    }

    public String describeSmoothGrad() {
        return "N=" + samples + " σ=" + sigmaFraction + "·range seed=" + seed;
    }

    public String describeIntegratedGradients() {
        return steps + " steps " + rule.cliName() + " baseline=" + baseline;
    }
}
