package org.raylens.app.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.raylens.inference.explain.Explainers;

/** The layers panel names each method's layer as the explainer registry does. */
class LayerKindRegistryTest {
    @Test
    void eachMethodKindIsARegisteredExplainerAndTakesItsTitle() {
        Explainers registry = Explainers.load();
        for (LayerKind k : LayerKind.values()) {
            k.method().ifPresent(m -> {
                assertEquals(registry.find(m).orElseThrow().displayName(), k.title(), k.name());
                assertEquals(k, LayerKind.forMethod(m.toUpperCase(java.util.Locale.ROOT)).orElseThrow());
            });
        }
        assertEquals("Segmentation mask", LayerKind.MASK.title());
        assertEquals("Attention (CLS)", LayerKind.ATTENTION.title());
        assertTrue(LayerKind.forMethod("toy-norm").isEmpty(), "the window computes no layer for outside methods");
    }
}
