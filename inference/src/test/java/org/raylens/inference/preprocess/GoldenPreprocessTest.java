package org.raylens.inference.preprocess;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.testsupport.GreyPng;
import org.raylens.inference.testsupport.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** RAD-DINO preprocessing against PIL 9.4 + HF BitImageProcessor references in ../shared/golden/preprocess. */
class GoldenPreprocessTest {

    @TestFactory
    Stream<DynamicTest> matchesPil() throws IOException {
        Path dir = SharedData.golden().map(g -> g.resolve("preprocess")).filter(Files::isDirectory).orElse(null);
        assumeTrue(dir != null, "../shared/golden/preprocess is absent; preprocess golden tests skipped");
        JsonObject root = JsonParser.parseString(Files.readString(dir.resolve("cases.json"))).getAsJsonObject();
        BitImageProcessor processor = new BitImageProcessor(PreprocessorConfig.radDino());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String image = c.get("image").getAsString();
            tests.add(DynamicTest.dynamicTest(image, () -> {
                GreyImage8 src = GreyPng.read(dir.resolve(image));
                assertEquals(c.getAsJsonArray("size_wh").get(0).getAsInt(), src.width());
                ModelInput in = processor.process(src, image);
                FloatTensor expected = NpyReader.read(dir.resolve(c.get("expected_u8").getAsString()));
                assertArrayEquals(expected.shape(), new long[]{in.resized().height(), in.resized().width()});
                int worst = 0;
                int differing = 0;
                for (int i = 0; i < expected.data().length; i++) {
                    int d = Math.abs((int) expected.data()[i] - (in.resized().pixels()[i] & 0xff));
                    worst = Math.max(worst, d);
                    differing += d > 0 ? 1 : 0;
                }
                assertTrue(worst <= 1, image + ": a pixel differs from PIL by " + worst);
                if (c.has("expected_input")) {
                    checkNormalised(dir.resolve(c.get("expected_input").getAsString()), expected, in);
                }
            }));
        }
        return tests.stream();
    }

    /** The tensor must follow exactly: equal where our u8 equals PIL's, and one u8 step apart elsewhere. */
    private static void checkNormalised(Path file, FloatTensor expectedU8, ModelInput in) throws IOException {
        FloatTensor golden = NpyReader.read(file);
        assertArrayEquals(golden.shape(), in.tensor().shape());
        int plane = expectedU8.data().length;
        float step = (float) (1.0 / 255 / 0.2583);
        for (int i = 0; i < golden.data().length; i++) {
            int p = i % plane;
            boolean same = (int) expectedU8.data()[p] == (in.resized().pixels()[p] & 0xff);
            float g = golden.data()[i];
            float c = in.tensor().data()[i];
            if (same) {
                assertEquals(g, c, 0.0f, "normalised value at " + i);
            } else {
                assertEquals(g, c, step * 1.001f, "normalised value at " + i);
            }
        }
    }
}
