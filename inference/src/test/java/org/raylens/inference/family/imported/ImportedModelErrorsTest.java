package org.raylens.inference.family.imported;

import ai.djl.engine.Engine;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.AttentionsUnavailableException;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.ModelLoadException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imported models are untrusted input: each way a folder, a manifest, a graph or an input can be wrong is typed. */
class ImportedModelErrorsTest {
    @TempDir
    Path tmp;

    /** A copy of a golden import folder (graph files and manifest) whose manifest {@code edit} changes. */
    private Path copy(String model, Consumer<JsonObject> edit) throws IOException {
        Path src = ImportedGoldenTest.folder(model);
        Path dst = tmp.resolve(model + "-" + System.nanoTime());
        Files.createDirectories(dst);
        Files.copy(src.resolve("model.pt"), dst.resolve("model.pt"));
        Files.copy(src.resolve("model.onnx"), dst.resolve("model.onnx"));
        JsonObject m = JsonParser.parseString(Files.readString(src.resolve("model.json"))).getAsJsonObject();
        edit.accept(m);
        AtomicFiles.writeString(dst.resolve("model.json"), m.toString());
        return dst;
    }

    private static JsonObject output0(JsonObject m) {
        return m.getAsJsonArray("outputs").get(0).getAsJsonObject();
    }

    private ConfigValueException badValue(String model, Consumer<JsonObject> edit) throws IOException {
        Path dir = copy(model, edit);
        return assertThrows(ConfigValueException.class, () -> Encoders.builder().folder(dir).build());
    }

    @Test
    void aFolderWithoutManifestSaysWhatTheManifestNeeds() throws Exception {
        Path dir = tmp.resolve("bare");
        Files.createDirectories(dir);
        Files.copy(ImportedGoldenTest.folder("xrv_cnn").resolve("model.pt"), dir.resolve("model.pt"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(dir).build());
        assertTrue(e.getMessage().contains("no model.json"), e.getMessage());
        for (String needed : new String[]{"files", "input", "channels", "mean", "std", "outputs", "kind",
                "docs/model-format.md"}) {
            assertTrue(e.getMessage().contains(needed), needed + " in " + e.getMessage());
        }
        Path onnx = tmp.resolve("bare-onnx");
        Files.createDirectories(onnx);
        Files.copy(ImportedGoldenTest.folder("xrv_cnn").resolve("model.onnx"), onnx.resolve("model.onnx"));
        ModelLoadException o = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(onnx).build());
        assertTrue(o.getMessage().contains("no model.json"), o.getMessage());
    }

    @Test
    void aTorchSaveCheckpointIsNotTorchScript() throws Exception {
        Path dir = tmp.resolve("ckpt");
        Files.createDirectories(dir);
        Path pt = dir.resolve("model.pt");
        try (OutputStream out = Files.newOutputStream(pt); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[]{(byte) 0x80, 2, '}', '.'});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(new byte[16]);
            zip.closeEntry();
        }
        assertEquals(ModelFiles.Kind.TORCH_SAVE_CHECKPOINT, ModelFiles.kind(pt));
        assertEquals(ModelFiles.Kind.TORCHSCRIPT, ModelFiles.kind(ImportedGoldenTest.folder("xrv_cnn")
                .resolve("model.pt")));
        assertFalse(Encoders.family("torchscript").orElseThrow().supports(dir).supported(), "no manifest, not ours");
        assertFalse(Encoders.family("torchscript").orElseThrow().supports(pt).supported());
        // a manifest naming it still refuses it, saying what it is
        Path withManifest = copy("xrv_cnn", m -> { });
        Files.copy(pt, withManifest.resolve("model.pt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        JsonObject m = JsonParser.parseString(Files.readString(withManifest.resolve("model.json"))).getAsJsonObject();
        m.getAsJsonObject("files").remove("sha256");
        AtomicFiles.writeString(withManifest.resolve("model.json"), m.toString());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Encoders.builder().folder(withManifest).family("torchscript").build());
        assertTrue(e.getMessage().contains("torch.save checkpoint"), e.getMessage());
    }

    @Test
    void malformedManifestsNameTheKeyAndWhatIsAllowed() throws Exception {
        assertEquals("format", badValue("xrv_cnn", m -> m.addProperty("format", "model-import/9")).key());
        assertEquals("input.channels", badValue("xrv_cnn", m -> m.getAsJsonObject("input")
                .addProperty("channels", 0)).key());
        assertEquals("input.height", badValue("xrv_cnn", m -> m.getAsJsonObject("input")
                .addProperty("height", 100_000)).key());
        assertEquals("input.shape", badValue("xrv_cnn", m -> m.getAsJsonObject("input")
                .add("shape", JsonParser.parseString("[1, 3, 224, 224]"))).key());
        ConfigValueException std = badValue("xrv_cnn", m -> m.getAsJsonObject("preprocess")
                .add("std", JsonParser.parseString("[0]")));
        assertEquals("preprocess.std", std.key());
        assertTrue(std.getMessage().contains("model.json"), std.getMessage());
        assertEquals("preprocess.mean", badValue("dinov2_tiny", m -> m.getAsJsonObject("preprocess")
                .add("mean", JsonParser.parseString("[0.5]"))).key());
        assertEquals("outputs[0].labels", badValue("xrv_cnn", m -> output0(m).getAsJsonArray("labels")
                .remove(0)).key());
        assertEquals("outputs[0].name", badValue("xrv_cnn", m -> output0(m).addProperty("name", "../escape")).key());
        assertEquals("outputs[0].kind", badValue("xrv_cnn", m -> output0(m).addProperty("kind", "heatmap")).key());
        assertEquals("outputs[0].activation", badValue("xrv_cnn", m -> output0(m).addProperty("activation",
                "relu")).key());
        assertEquals("outputs[0].grid", badValue("dinov2_tiny", m -> output0(m)
                .add("grid", JsonParser.parseString("[5, 4]"))).key());
        assertEquals("outputs[0].shape", badValue("xrv_cnn", m -> output0(m)
                .add("shape", JsonParser.parseString("[1, 70000, 70000]"))).key());
        assertEquals("outputs", badValue("xrv_cnn", m -> m.add("outputs", new JsonArray())).key());
        assertEquals("files.torchscript", badValue("xrv_cnn", m -> m.getAsJsonObject("files")
                .addProperty("torchscript", "../model.pt")).key());
        assertEquals("files.prefer", badValue("xrv_cnn", m -> m.getAsJsonObject("files")
                .addProperty("prefer", "tensorflow")).key());
        Path notJson = copy("xrv_cnn", m -> { });
        AtomicFiles.writeString(notJson.resolve("model.json"), "{ \"format\": ");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(notJson).build());
        assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    }

    @Test
    void oversizedFilesAreRefusedBeforeLoading() throws Exception {
        Path dir = copy("xrv_cnn", m -> m.getAsJsonObject("files").remove("sha256"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("model.onnx").toFile(), "rw")) {
            f.setLength(ModelFiles.MAX_MODEL_BYTES + 1); // sparse: costs no disk
        }
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Encoders.builder().folder(dir).family("onnx").build());
        assertTrue(e.getMessage().contains("at most " + ModelFiles.MAX_MODEL_BYTES), e.getMessage());
        Path big = copy("xrv_cnn", m -> m.addProperty("description", "x".repeat(1 << 20)));
        ModelLoadException b = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(big).build());
        assertTrue(b.getMessage().contains("at most " + ManifestReader.MAX_MANIFEST_BYTES), b.getMessage());
    }

    @Test
    void aFileThatIsNotTheOneTheManifestHashesIsRefused() throws Exception {
        Path dir = copy("xrv_cnn", m -> { });
        Files.copy(ImportedGoldenTest.folder("dinov2_tiny").resolve("model.pt"), dir.resolve("model.pt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Encoders.builder().folder(dir).build());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void outputsThatDoNotMatchTheManifestAreTyped() throws Exception {
        Path wrongShape = copy("xrv_cnn", m -> {
            m.getAsJsonObject("files").remove("sha256");
            output0(m).add("shape", JsonParser.parseString("[1, 17]"));
            output0(m).getAsJsonArray("labels").remove(17);
        });
        FloatTensor x = NpyReader.read(ImportedGoldenTest.folder("xrv_cnn").resolve("input_rand.npy"));
        for (String family : new String[]{"torchscript", "onnx"}) {
            try (Encoder e = Encoders.builder().folder(wrongShape).family(family).build();
                 EncoderSession s = e.newSession()) {
                OutputMismatchException o = assertThrows(OutputMismatchException.class,
                        () -> s.forward(x, ForwardOptions.defaults()));
                assertTrue(o.getMessage().contains("[1, 18]") && o.getMessage().contains("[1, 17]"), o.getMessage());
            }
        }
        Path extra = copy("xrv_cnn", m -> {
            JsonObject second = output0(m).deepCopy();
            second.addProperty("name", "more");
            second.addProperty("index", 1);
            m.getAsJsonArray("outputs").add(second);
        });
        try (Encoder e = Encoders.builder().folder(extra).build(); EncoderSession s = e.newSession()) {
            OutputMismatchException o = assertThrows(OutputMismatchException.class,
                    () -> s.forward(x, ForwardOptions.defaults()));
            assertTrue(o.getMessage().contains("gives 1 output"), o.getMessage());
        }
    }

    @Test
    void aWrongInputSizeIsTypedAndGreyModelsReadRgbAsItsMean() throws Exception {
        Path dir = ImportedGoldenTest.folder("xrv_cnn");
        FloatTensor x = NpyReader.read(dir.resolve("input_rand.npy"));
        try (Encoder e = Encoders.builder().folder(dir).build(); EncoderSession s = e.newSession()) {
            InputShapeException size = assertThrows(InputShapeException.class,
                    () -> s.forward(new FloatTensor(new float[200 * 200], new long[]{1, 1, 200, 200}),
                            ForwardOptions.defaults()));
            assertTrue(size.getMessage().contains("224x224"), size.getMessage());
            assertThrows(InputShapeException.class, () -> s.forward(
                    new FloatTensor(new float[2 * 224 * 224], new long[]{1, 2, 224, 224}), ForwardOptions.defaults()));
            assertThrows(InputShapeException.class, () -> s.forward(
                    new FloatTensor(new float[224 * 224], new long[]{224, 224}), ForwardOptions.defaults()));
            float[] rgb = new float[3 * x.data().length];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(x.data(), 0, rgb, c * x.data().length, x.data().length);
            }
            float[] fromRgb = s.forward(new FloatTensor(rgb, new long[]{1, 3, 224, 224}), ForwardOptions.defaults())
                    .namedOutputs().get("logits").data();
            float[] fromGrey = s.forward(x, ForwardOptions.defaults()).namedOutputs().get("logits").data();
            assertTrue(ImportedGoldenTest.maxAbs(fromGrey, fromRgb) <= 1e-6);
        }
    }

    @Test
    void noAttentionsAndNoOnnxGradientsAreRefusedClearly() throws Exception {
        Path dir = ImportedGoldenTest.folder("dinov2_tiny");
        FloatTensor x = NpyReader.read(dir.resolve("input_rand.npy"));
        for (String file : new String[]{"model.pt", "model.onnx"}) {
            try (Encoder e = Encoders.builder().folder(dir.resolve(file)).build(); EncoderSession s = e.newSession()) {
                assertFalse(e.capabilities().attentions());
                assertFalse(e.capabilities().gradients());
                assertThrows(AttentionsUnavailableException.class,
                        () -> s.forward(x, ForwardOptions.defaults().withAttentions(Set.of(0))));
                assertThrows(AttentionsUnavailableException.class, () -> s.trace(x, new TraceRequest(
                        PositionEmbeddingInterpolation.HF, Set.of(1), Optional.empty(), false), Progress.NONE,
                        CancellationToken.NONE));
                TraceRequest withTail = new TraceRequest(PositionEmbeddingInterpolation.HF, Set.of(), Optional.empty(),
                        true);
                if (file.endsWith(".onnx")) {
                    assertFalse(e.capabilities().inputGradients());
                    NoGradientsException g = assertThrows(NoGradientsException.class,
                            () -> s.trace(x, withTail, Progress.NONE, CancellationToken.NONE));
                    assertTrue(g.getMessage().contains("no gradients"), g.getMessage());
                } else {
                    // TorchScript differentiates down to the input; a ViT's prefix tokens are the graph's own, so its
                    // patch tokens are not the last thing before a CLS head: no Grad-CAM layer is offered
                    assertTrue(e.capabilities().inputGradients());
                    var tail = s.trace(x, withTail, Progress.NONE, CancellationToken.NONE).gradientTail().orElseThrow();
                    assertEquals(List.of(), tail.layers());
                }
                assertEquals(4, s.trace(x, new TraceRequest(PositionEmbeddingInterpolation.HF, Set.of(),
                        Optional.empty(), false), Progress.NONE, CancellationToken.NONE).output().layout().rows());
            }
        }
    }

    /** DJL's ONNX Runtime engine registers onnxruntime-extensions' custom ops when that jar is present: it is not. */
    @Test
    void noCustomOpLibraryIsOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.onnxruntime.extensions.OrtxPackage"));
    }

    @Test
    void pyTorchStaysDjlsDefaultEngineWithOnnxRuntimeOnTheClassPath() {
        assertTrue(Engine.getAllEngines().contains("OnnxRuntime"), Engine.getAllEngines().toString());
        assertEquals("PyTorch", Engine.getDefaultEngineName());
    }
}
