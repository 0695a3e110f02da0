package org.raylens.inference.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import org.raylens.inference.explain.attribution.InputGradientExplainer;

/**
 * The explanation methods there are: the built-in ones (attention, point, rollout, gradcam, gradcam++, pca, the other
 * CAMs, occlusion, rise, saliency, smoothgrad, integrated-gradients), then any
 * found on the class path through {@link ServiceLoader}. A name taken twice keeps the first (built-ins win).
 */
public final class Explainers {
    private final Map<String, Explainer> byName = new LinkedHashMap<>();

    private Explainers(Iterable<Explainer> all) {
        for (Explainer e : all) {
            byName.putIfAbsent(e.name().toLowerCase(Locale.ROOT), e);
        }
    }

    /** Built-ins first, then those registered with the class loader of this class. */
    public static Explainers load() {
        List<Explainer> all = new ArrayList<>(builtIn());
        ServiceLoader.load(Explainer.class, Explainers.class.getClassLoader()).forEach(all::add);
        return new Explainers(all);
    }

    public static List<Explainer> builtIn() {
        List<Explainer> all = new ArrayList<>(List.of(new TraceExplainers.Attention(), new TraceExplainers.Rollout(),
                new TraceExplainers.Point(), new CamExplainer.GradCam(), new CamExplainer.GradCamPlusPlus(),
                new TraceExplainers.Pca()));
        all.addAll(CamExplainer.more());
        all.addAll(List.of(new Occlusion(), new Rise()));
        all.addAll(List.of(new InputGradientExplainer.Saliency(), new InputGradientExplainer.SmoothGrad(),
                new InputGradientExplainer.IntegratedGradients()));
        return List.copyOf(all);
    }

    public Optional<Explainer> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<Explainer> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
