package org.raylens.app.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.TraceNeeds;

/**
 * Whether an encoder can give what an explanation method needs from its trace, read from the family's
 * {@link EncoderCapabilities} before anything runs: attention layers and the rollout need attention probabilities,
 * a CAM's start needs gradients. So a method the model cannot serve is skipped by an Analyse (and greyed out in the
 * window) or refused by the command line with the reason in words, instead of failing inside the forward pass.
 */
public final class MethodAvailability {

    /** What the window and the command line say of a model without attention probabilities. */
    public static final String NO_ATTENTIONS = "This model gives no attention maps";
    /** A model whose only outputs are global (a classifier's logits, an embedding) has no patch grid to map. */
    public static final String NO_PATCH_GRID = "This model gives no patch tokens or feature map (no map of its"
            + " tokens); occlusion and RISE still explain its classes";
    /** What they say of a model whose family takes no gradients. */
    public static final String NO_GRADIENTS = "This model gives no gradients (no Grad-CAM)";

    /** What they say of a model whose family takes no gradients down to the input pixels. */
    public static final String NO_INPUT_GRADIENTS = "This model gives no input gradients (no Saliency, SmoothGrad or"
            + " Integrated Gradients)";

    private MethodAvailability() {
    }

    /** Why a trace with {@code needs} cannot be recorded by an encoder with {@code capabilities}; empty when it can. */
    public static Optional<String> missing(TraceNeeds needs, EncoderCapabilities capabilities) {
        boolean attentions = needs.needsAttentions();
        if (attentions && !capabilities.attentions()) {
            return Optional.of(NO_ATTENTIONS);
        }
        if (needs.camInput() && !capabilities.gradients()) {
            return Optional.of(NO_GRADIENTS);
        }
        if (needs.inputGradients() && !capabilities.inputGradients()) {
            return Optional.of(NO_INPUT_GRADIENTS);
        }
        return Optional.empty();
    }

    /** Why {@code method} cannot run for {@code request} on such an encoder; empty when it can. */
    public static Optional<String> missing(Explainer method, ExplainRequest request,
                                           EncoderCapabilities capabilities) {
        return missing(method.needs(request), capabilities);
    }

    /**
     * Every registered method such an encoder (of {@code layers} layers) cannot give, by name in registry order,
     * with the reason: what the window greys out.
     */
    public static Map<String, String> unavailable(Explainers explainers, EncoderCapabilities capabilities,
                                                  int layers) {
        ExplainRequest defaults = ExplainRequest.defaults(layers);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Explainer e : explainers.all()) {
            missing(e, defaults, capabilities).ifPresent(r -> reasons.put(e.name(), r));
        }
        return reasons;
    }
}
