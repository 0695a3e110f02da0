package org.raylens.inference.adapter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.weights.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** adapter.json + weights.safetensors: round trip, and a typed error naming the field for each kind of damage. */
class AdapterFormatTest {
    @TempDir
    Path tmp;

    private Path writeSample(AdapterSpec spec) throws IOException {
        Path folder = tmp.resolve("adapter");
        AdapterFolder.write(folder, spec, AdapterTensors.initial(spec, 3));
        return folder;
    }

    @Test
    void everyTypeRoundTrips() throws IOException {
        List<AdapterSpec> specs = List.of(
                TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS_MEAN_PATCH, AdapterTask.MULTILABEL, List.of("A", "B"), 16),
                TestSpecs.spec(AdapterType.ATTENTION_POOL_MLP, AdapterInput.CLS, AdapterTask.MULTICLASS, List.of("x", "y", "z"), 16),
                TestSpecs.spec(AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS, AdapterTask.SEGMENTATION, List.of("lung"), 16),
                TestSpecs.spec(AdapterType.SEGMENTATION_CONV, AdapterInput.PATCH_TOKENS, AdapterTask.SEGMENTATION, List.of("lung"), 16));
        for (AdapterSpec spec : specs) {
            Map<String, float[]> tensors = AdapterTensors.initial(spec, 11);
            Path folder = tmp.resolve(spec.type().jsonName());
            AdapterFolder.write(folder, spec, tensors);
            AdapterFolder.Contents back = AdapterFolder.read(folder);
            assertEquals(spec, back.spec(), spec.type().jsonName());
            assertEquals(tensors.keySet(), back.tensors().keySet());
            for (String k : tensors.keySet()) {
                assertArrayEquals(tensors.get(k), back.tensors().get(k), k);
            }
        }
    }

    @Test
    void jsonStatesFormatAndThresholdsByLabel() throws IOException {
        AdapterSpec spec = TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL,
                List.of("A", "B"), 8).withThresholds(List.of(0.25, 0.75));
        Path folder = writeSample(spec);
        JsonObject o = JsonParser.parseString(Files.readString(folder.resolve("adapter.json"))).getAsJsonObject();
        assertEquals("raylens-adapter", o.get("format").getAsString());
        assertEquals(1, o.get("formatVersion").getAsInt());
        assertEquals(0.75, o.getAsJsonObject("thresholds").get("B").getAsDouble());
        assertEquals(TestSpecs.SHA, o.getAsJsonObject("encoder").get("weightsSha256").getAsString());
        assertEquals("minmax", o.getAsJsonObject("preprocessing").get("eightBitRecipe").getAsString());
        assertEquals(7, o.getAsJsonObject("training").get("seed").getAsInt());
    }

    private AdapterFormatException damagedJson(String from, String to) throws IOException {
        Path folder = writeSample(TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL,
                List.of("A", "B"), 8));
        Path json = folder.resolve("adapter.json");
        String text = Files.readString(json);
        assertTrue(text.contains(from), from);
        Files.writeString(json, text.replace(from, to));
        return assertThrows(AdapterFormatException.class, () -> AdapterFolder.read(folder));
    }

    @Test
    void badJsonNamesTheField() throws IOException {
        assertEquals(null, damagedJson("{", "[").field());
        assertEquals("type", damagedJson("\"linear\"", "\"svm\"").field());
        assertEquals("format", damagedJson("\"raylens-adapter\"", "\"other\"").field());
        assertEquals("formatVersion", damagedJson("\"formatVersion\": 1", "\"formatVersion\": 2").field());
        assertEquals("thresholds.B", damagedJson("\"B\": 0.5", "\"C\": 0.5").field());
        assertEquals("thresholds", damagedJson("\"A\": 0.5", "\"A\": 1.5").field());
        assertEquals("encoder.weightsSha256", damagedJson(TestSpecs.SHA, "xyz").field());
        assertEquals("encoder.hiddenSize", damagedJson("\"hiddenSize\": 8", "\"hiddenSize\": \"8\"").field());
        assertEquals("preprocessing.processor.do_resize", damagedJson("\"do_resize\": true", "\"do_resize\": 1").field());
        AdapterFormatException e = damagedJson("\"input\": \"cls\"", "\"input\": \"patch-tokens\"");
        assertEquals("input", e.field());
        assertTrue(e.getMessage().contains("linear probe"), e.getMessage());
    }

    @Test
    void missingOrMisshapenTensorIsNamed() throws IOException {
        AdapterSpec spec = TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL,
                List.of("A", "B"), 8);
        Path folder = writeSample(spec);
        new SafetensorsWriter().put("linear.weight", new float[16], 2, 8).write(folder.resolve("weights.safetensors"));
        AdapterFormatException missing = assertThrows(AdapterFormatException.class, () -> AdapterFolder.read(folder));
        assertEquals("linear.bias", missing.field());

        new SafetensorsWriter().put("linear.weight", new float[18], 2, 9).put("linear.bias", new float[2], 2)
                .write(folder.resolve("weights.safetensors"));
        AdapterFormatException shape = assertThrows(AdapterFormatException.class, () -> AdapterFolder.read(folder));
        assertEquals("linear.weight", shape.field());
        assertTrue(shape.getMessage().contains("[2, 9]") && shape.getMessage().contains("[2, 8]"), shape.getMessage());

        Files.writeString(folder.resolve("weights.safetensors"), "garbage");
        assertThrows(AdapterFormatException.class, () -> AdapterFolder.read(folder));
        Files.delete(folder.resolve("weights.safetensors"));
        assertThrows(AdapterFormatException.class, () -> AdapterFolder.read(folder));
    }

    @Test
    void wrongEncoderIsRefusedSayingWhichOneItWasTrainedFor() throws IOException {
        AdapterSpec spec = TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL,
                List.of("A"), 8);
        Path folder = writeSample(spec);
        EncoderIdentity other = new EncoderIdentity("ViT D=8 other", 8, 14, 0, "01".repeat(32));
        EncoderMismatchException e = assertThrows(EncoderMismatchException.class, () -> Adapter.load(folder, other));
        assertTrue(e.getMessage().contains(TestSpecs.SHA) && e.getMessage().contains("01".repeat(32)), e.getMessage());
        assertEquals("encoder", e.field());
        EncoderIdentity wider = new EncoderIdentity("ViT D=16", 16, 14, 0, TestSpecs.SHA);
        assertThrows(EncoderMismatchException.class, () -> Adapter.load(folder, wider));
        EncoderIdentity unhashed = new EncoderIdentity("ViT D=8 test", 8, 14, 0, EncoderIdentity.NOT_COMPUTED);
        assertThrows(EncoderMismatchException.class, () -> Adapter.load(folder, unhashed));
        try (Adapter a = Adapter.load(folder, TestSpecs.encoder(8))) {
            assertEquals(spec, a.spec());
        }
    }
}
