package org.raylens.app.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.inference.explain.Explainers;

/** The layers panel's rows come from the explainer registry, titled, coloured and shaped as each explainer says. */
class LayerKindRegistryTest {
    @Test
    void eachMethodKindIsARegisteredExplainerAndTakesItsTitle() {
        Explainers registry = Explainers.load();
        for (LayerKind k : LayerKind.forWindow(registry)) {
            k.method().ifPresent(m -> {
                assertEquals(registry.find(m).orElseThrow().displayName(), k.title(), k.id());
                assertEquals(k, LayerKind.forMethod(m.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
            });
        }
        assertEquals("Segmentation mask", LayerKind.MASK.title());
        assertEquals("Attention (CLS)", LayerKind.ATTENTION.title());
    }

    @Test
    void theWindowHasARowPerAnalysedExplainerIncludingOnesRegisteredFromOutside() {
        List<String> ids = LayerKind.forWindow(Explainers.load()).stream().map(LayerKind::id).toList();
        // registry order; gradcam++ needs a head and the window computes only Grad-CAM per class
        assertEquals(List.of("attention", "rollout", "point", "gradcam", "pca", "toy-norm", "mask"), ids);
        LayerKind toy = LayerKind.forMethod("toy-norm").orElseThrow();
        assertEquals("Patch token norm (test)", toy.title());
        assertTrue(toy.scalar() && toy.analysed());
        assertEquals("viridis", toy.defaultColormap("viridis"), "no hint: the user's default");
        assertEquals("jet", LayerKind.GRADCAM.defaultColormap("viridis"), "the CAMs say jet");
        assertFalse(LayerKind.PCA.scalar(), "PCA says it is RGB");
        assertFalse(LayerKind.GRADCAM.analysed() || LayerKind.POINT.analysed() || LayerKind.MASK.analysed());
    }
}
