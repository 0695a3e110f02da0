package org.raylens.inference.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A NaN or infinite weight is refused while the tensor is read, naming the tensor and the element. */
class NonFiniteWeightsTest {
    @TempDir
    Path tmp;

    @Test
    void everyFloatTypeRefusesNanAndInfinity() throws IOException {
        for (TensorDtype dtype : new TensorDtype[]{TensorDtype.F32, TensorDtype.F16, TensorDtype.BF16}) {
            for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                float[] v = {0.5f, -1f, 2f, bad, 3f};
                Path p = tmp.resolve(dtype + ".safetensors");
                new SafetensorsWriter().put("good", new float[]{1f, 2f}, new long[]{2}, dtype)
                        .put("blocks.3.mlp.fc2.weight", v, new long[]{5}, dtype).write(p);
                try (SafetensorsReader r = SafetensorsReader.open(p)) {
                    assertArrayEquals(new float[]{1f, 2f}, r.readFloats("good"));
                    SafetensorsException.NonFinite e = assertThrows(SafetensorsException.NonFinite.class,
                            () -> r.readFloats("blocks.3.mlp.fc2.weight"), dtype + " " + bad);
                    assertEquals("blocks.3.mlp.fc2.weight", e.tensor());
                    assertTrue(e.getMessage().contains("element 3 of 5"), e.getMessage());
                }
            }
        }
    }

    @Test
    void theLargestFiniteValuesStillLoad() throws IOException {
        float[] v = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f};
        Path p = tmp.resolve("edge.safetensors");
        new SafetensorsWriter().put("a", v, new long[]{4}, TensorDtype.F32)
                .put("h", new float[]{65504f, -65504f}, new long[]{2}, TensorDtype.F16).write(p);
        try (SafetensorsReader r = SafetensorsReader.open(p)) {
            assertArrayEquals(v, r.readFloats("a"));
            assertArrayEquals(new float[]{65504f, -65504f}, r.readFloats("h"));
        }
    }

    @Test
    void aModelWithOneNanWeightDoesNotLoad() throws IOException {
        Dinov2Config c = SyntheticModelFolder.tinyGeometry();
        SyntheticModelFolder.write(tmp, c, 3);
        Path st = tmp.resolve("model.safetensors");
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (SafetensorsReader r = SafetensorsReader.open(st)) {
            for (String n : r.names()) {
                values.put(n, r.readFloats(n));
                shapes.put(n, r.info(n).shape());
            }
        }
        values.get("blocks.1.attn.proj.weight")[17] = Float.NaN;
        SafetensorsWriter w = new SafetensorsWriter();
        values.forEach((n, v) -> w.put(n, v, shapes.get(n), TensorDtype.BF16));
        w.write(st);
        // before: loaded, and every embedding came out NaN with exit status 0
        SafetensorsException.NonFinite e = assertThrows(SafetensorsException.NonFinite.class, () ->
                Encoders.builder().folder(tmp).loadOptions(LoadOptions.defaults()).device(ComputeTarget.cpu()).build().close());
        assertEquals("blocks.1.attn.proj.weight", e.tensor());
    }
}
