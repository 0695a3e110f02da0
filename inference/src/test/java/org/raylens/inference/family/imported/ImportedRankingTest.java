package org.raylens.inference.family.imported;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.Encoders;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which family loads what: imported folders go to TorchScript/ONNX, native folders stay with their families. */
class ImportedRankingTest {
    @TempDir
    Path tmp;

    private static EncoderFamily family(String name) {
        return Encoders.family(name).orElseThrow();
    }

    @Test
    void anImportFolderLoadsAsTorchScriptUnlessTheManifestOrCallerSaysOnnx() throws Exception {
        Path dir = ImportedGoldenTest.folder("dinov2_tiny");
        assertFalse(family("dinov2").supports(dir).supported(), family("dinov2").supports(dir).reason());
        assertTrue(family("evax").supports(dir).score() <= 1, family("evax").supports(dir).reason());
        assertTrue(family("torchscript").supports(dir).score() > family("onnx").supports(dir).score());
        try (Encoder e = Encoders.builder().folder(dir).build()) {
            assertEquals("torchscript", e.info().family());
        }
        try (Encoder e = Encoders.builder().folder(dir).family("onnx").build()) {
            assertEquals("onnx", e.info().family());
        }
        try (Encoder e = Encoders.builder().folder(dir.resolve("model.onnx")).build()) {
            assertEquals("onnx", e.info().family(), "a graph file given directly picks its engine");
        }
        Path preferOnnx = tmp.resolve("prefer-onnx");
        Files.createDirectories(preferOnnx);
        for (String f : new String[]{"model.pt", "model.onnx"}) {
            Files.copy(dir.resolve(f), preferOnnx.resolve(f));
        }
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("model.json"))).getAsJsonObject();
        m.getAsJsonObject("files").addProperty("prefer", "onnx");
        AtomicFiles.writeString(preferOnnx.resolve("model.json"), m.toString());
        try (Encoder e = Encoders.builder().folder(preferOnnx).build()) {
            assertEquals("onnx", e.info().family());
        }
    }

    @Test
    void aHuggingFaceDinov2FolderStillLoadsAsDinov2() throws Exception {
        Path dir = tmp.resolve("hf");
        family("dinov2").writeRandomFolder(dir, "tiny", 5);
        assertFalse(family("torchscript").supports(dir).supported(), family("torchscript").supports(dir).reason());
        assertFalse(family("onnx").supports(dir).supported(), family("onnx").supports(dir).reason());
        try (Encoder e = Encoders.builder().folder(dir).build()) {
            assertEquals("dinov2", e.info().family());
        }
    }
}
