package org.raylens.app.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.family.imported.ImportManifest;
import org.raylens.inference.family.imported.ManifestReader;
import org.raylens.inference.model.ConfigValueException;

/**
 * The manifest form's model without a window: model files found by their bytes (each family's own answer), the value
 * range turned into mean and std, the manifest loaded through the encoder seam and read back by the families' own
 * parser, an existing manifest never replaced, a bad value refused with the manifest key it breaks and taken back.
 */
class ManifestFormTest {

    @TempDir
    Path dir;

    /** A folder holding copies of the golden xrv_cnn files without their manifest (skips without ../shared). */
    static Path xrvWithoutManifest(Path into) throws IOException {
        Path golden = Path.of("").toAbsolutePath().getParent().resolve("../shared/golden/import/xrv_cnn").normalize();
        assumeTrue(Files.isDirectory(golden), "../shared/golden/import/xrv_cnn is absent; manifest form test skipped");
        Path folder = Files.createDirectories(into.resolve("xrv-no-manifest"));
        Files.copy(golden.resolve("model.pt"), folder.resolve("classifier.pt"));
        Files.copy(golden.resolve("model.onnx"), folder.resolve("classifier.onnx"));
        return folder;
    }

    /** The golden manifest's labels, read through the families' parser. */
    static List<String> xrvLabels() throws IOException {
        Path golden = Path.of("").toAbsolutePath().getParent().resolve("../shared/golden/import/xrv_cnn").normalize();
        return ManifestReader.read(golden.resolve("model.json")).outputs().get(0).output().labels();
    }

    @Test
    void detectsTheModelFilesAndWritesAManifestTheFamiliesRead() throws Exception {
        Path folder = xrvWithoutManifest(dir);
        assertTrue(ManifestForm.needsManifest(folder));
        ManifestForm form = ManifestForm.detect(folder);
        assertEquals("classifier.pt", form.torchscriptFile);
        assertEquals("classifier.onnx", form.onnxFile);
        assertEquals("xrv-no-manifest", form.name);
        form.valueRange = "-1024, 1024";
        ManifestForm.Output out = form.outputs.get(0);
        out.shape = "1, 18";
        out.labels = String.join(", ", xrvLabels());
        out.activation = ModelOutput.Activation.SIGMOID;

        assertEquals(folder.resolve("model.json"), form.write());
        assertTrue(Files.isRegularFile(folder.resolve("model.json")));
        assertFalse(ManifestForm.needsManifest(folder), "the folder has its manifest now");
        ImportManifest read = ManifestReader.read(folder.resolve("model.json"));
        // TorchXRayVision's [-1024, 1024] is (p - 0.5) / (1/2048)
        assertArrayEquals(new float[] {0.5f}, read.mean());
        assertArrayEquals(new float[] {1 / 2048f}, read.std());
        assertEquals(224, read.height());
        assertEquals(xrvLabels(), read.outputs().get(0).output().labels());
        assertEquals(ModelOutput.Activation.SIGMOID, read.outputs().get(0).output().activation());
    }

    @Test
    void neverReplacesAManifestAndRefusesBadValuesByTheirKey() throws Exception {
        Path folder = xrvWithoutManifest(dir);
        ManifestForm form = ManifestForm.detect(folder);
        form.outputs.get(0).shape = "1, 18";
        form.outputs.get(0).labels = "only, three, labels";
        ConfigValueException e = assertThrows(ConfigValueException.class, form::write);
        assertTrue(e.getMessage().contains("outputs[0].labels"), e.getMessage());
        assertFalse(Files.exists(folder.resolve("model.json")), "a refused form writes nothing");

        form.outputs.get(0).labels = "";
        form.normalisation = ManifestForm.Normalisation.MEAN_STD;
        form.channels = 3;
        form.mean = "0.5";
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, form::write);
        assertTrue(count.getMessage().startsWith("mean: give 3 numbers"), count.getMessage());
        form.mean = "0.485, 0.456, 0.406";
        form.std = "0.229, 0.224, 0.225";
        form.valueRange = "1, 1";
        form.write();
        assertEquals(3, ManifestReader.read(form.manifestFile()).channels());

        String before = Files.readString(form.manifestFile());
        form.name = "another";
        IOException again = assertThrows(IOException.class, form::write);
        assertTrue(again.getMessage().contains("exists already"), again.getMessage());
        assertEquals(before, Files.readString(form.manifestFile()));
    }

    @Test
    void aPatchTokenOutputNeedsAGridThatFitsItsTokens() throws Exception {
        Path folder = xrvWithoutManifest(dir);
        ManifestForm form = ManifestForm.detect(folder);
        ManifestForm.Output tokens = form.outputs.get(0);
        tokens.name = "last_hidden_state";
        tokens.kind = ModelOutput.Kind.PATCH_TOKENS;
        tokens.shape = "1, 17, 64";
        tokens.prefixTokens = 1;
        tokens.grid = "4, 5";
        ConfigValueException e = assertThrows(ConfigValueException.class, form::write);
        assertTrue(e.getMessage().contains("outputs[0].grid"), e.getMessage());
        assertFalse(Files.exists(form.manifestFile()), "a refused manifest is taken back");
        tokens.grid = "4, 4";
        form.write();
        ImportManifest read = ManifestReader.read(form.manifestFile());
        assertEquals(4, read.outputs().get(0).rows());
        assertTrue(read.outputs().get(0).output().labels().isEmpty());
    }

    @Test
    void aFolderWithoutAModelFileNeedsNoForm() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a model");
        assertFalse(ManifestForm.needsManifest(dir));
        ManifestForm form = ManifestForm.detect(dir);
        assertNull(form.torchscriptFile);
        IOException e = assertThrows(IOException.class, form::write);
        assertTrue(e.getMessage().contains("no TorchScript"), e.getMessage());
    }
}
