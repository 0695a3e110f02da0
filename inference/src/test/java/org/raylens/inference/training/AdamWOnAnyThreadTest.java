package org.raylens.inference.training;

import org.raylens.inference.encoder.TorchEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * libtorch starts every new thread with autograd recording on (DJL turns it off only on the thread that loads the
 * engine), so an optimiser step on a UI worker or a second test thread must not depend on the caller's grad mode.
 */
class AdamWOnAnyThreadTest {

    @Test
    void stepsOnAFreshThreadWhereLibtorchRecordsGradients() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray weight = manager.create(new float[] {1f, 2f, 3f, 4f}, new ai.djl.ndarray.types.Shape(2, 2));
            weight.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("weight", weight);
            AdamW adam = new AdamW(params, manager, 0.1, 0.01);
            NDArray grad = manager.create(new float[] {1f, -1f, 1f, -1f}, new ai.djl.ndarray.types.Shape(2, 2));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    adam.step(Map.of("weight", grad));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "fresh-libtorch-thread");
            worker.start();
            worker.join();
            assertNull(failure.get(), () -> "step failed: " + failure.get());
            // first AdamW step: θ·(1 − lr·λ) − lr·sign(g) (bias-corrected moments make the step ±lr)
            float[] expected = {1f * 0.999f - 0.1f, 2f * 0.999f + 0.1f, 3f * 0.999f - 0.1f, 4f * 0.999f + 0.1f};
            float[] actual = weight.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5f, "element " + i);
            }
        }
    }
}
