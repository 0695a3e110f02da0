package org.raylens.inference.model;

import org.raylens.inference.family.dinov2.Dinov2Checkpoint;
import org.raylens.inference.family.dinov2.Dinov2Config;

import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every value of preprocessor_config.json is checked at load, with the key and the allowed range in the error. */
class PreprocessorConfigValidationTest {
    @TempDir
    Path tmp;

    private static final String RAD_DINO = """
            {"image_processor_type": "BitImageProcessor", "do_convert_rgb": true, "do_resize": true,
             "size": {"shortest_edge": 518}, "resample": 3, "do_center_crop": true,
             "crop_size": {"height": 518, "width": 518}, "do_rescale": true, "rescale_factor": 0.00392156862745098,
             "do_normalize": true, "image_mean": [0.5307, 0.5307, 0.5307], "image_std": [0.2583, 0.2583, 0.2583]}
            """;

    private Path write(String json) throws IOException {
        Path p = tmp.resolve("preprocessor_config.json");
        Files.writeString(p, json);
        return p;
    }

    private ConfigValueException refused(String json, String key) throws IOException {
        Path p = write(json);
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> PreprocessorConfig.fromJson(p));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains(key), e.getMessage());
        return e;
    }

    @Test
    void radDinosFileReadsAsTheBuiltInSettings() throws IOException {
        assertEquals(PreprocessorConfig.radDino(), PreprocessorConfig.fromJson(write(RAD_DINO)));
    }

    @Test
    void hugeSizesAreRefusedWithTheKeyAndRange() throws IOException {
        ConfigValueException e = refused(RAD_DINO.replace("\"height\": 518", "\"height\": 100000"), "crop_size.height");
        assertTrue(e.getMessage().contains("1..4096"), e.getMessage());
        refused(RAD_DINO.replace("{\"height\": 518, \"width\": 518}", "100000"), "crop_size");
        refused(RAD_DINO.replace("\"shortest_edge\": 518", "\"shortest_edge\": 100000"), "size.shortest_edge");
        refused(RAD_DINO.replace("\"shortest_edge\": 518", "\"shortest_edge\": 0"), "size.shortest_edge");
        refused(RAD_DINO.replace("\"shortest_edge\": 518", "\"shortest_edge\": 518.5"), "size.shortest_edge");
        refused(RAD_DINO.replace("\"shortest_edge\": 518", "\"shortest_edge\": 1e10"), "size.shortest_edge");
        refused(RAD_DINO.replace("{\"shortest_edge\": 518}", "{\"height\": 518, \"width\": 518}"), "size");
    }

    @Test
    void aCropLargerThanTheResizedImageIsRefused() throws IOException {
        refused(RAD_DINO.replace("\"shortest_edge\": 518", "\"shortest_edge\": 256"), "crop_size");
    }

    @Test
    void zeroOrNonFiniteStdAndMeanAreRefused() throws IOException {
        ConfigValueException e = refused(RAD_DINO.replace("[0.2583, 0.2583, 0.2583]", "[0.2583, 0, 0.2583]"),
                "image_std[1]");
        assertTrue(e.allowed().contains("1.0E-6"), e.allowed());
        refused(RAD_DINO.replace("[0.2583, 0.2583, 0.2583]", "0"), "image_std");
        refused(RAD_DINO.replace("[0.2583, 0.2583, 0.2583]", "[0.2583, -1, 0.2583]"), "image_std[1]");
        refused(RAD_DINO.replace("[0.5307, 0.5307, 0.5307]", "[NaN, 0.5, 0.5]"), "image_mean[0]");
        refused(RAD_DINO.replace("[0.5307, 0.5307, 0.5307]", "[0.5, Infinity, 0.5]"), "image_mean[1]");
        refused(RAD_DINO.replace("[0.5307, 0.5307, 0.5307]", "[0.5, 1e300, 0.5]"), "image_mean[1]");
        refused(RAD_DINO.replace("[0.5307, 0.5307, 0.5307]", "[0.5, 0.5]"), "image_mean");
        refused(RAD_DINO.replace("[0.5307, 0.5307, 0.5307]", "\"grey\""), "image_mean");
    }

    @Test
    void flagsRescaleAndResampleAreChecked() throws IOException {
        refused(RAD_DINO.replace("\"do_resize\": true", "\"do_resize\": \"yes\""), "do_resize");
        refused(RAD_DINO.replace("\"do_normalize\": true", "\"do_normalize\": 1"), "do_normalize");
        refused(RAD_DINO.replace("0.00392156862745098", "0"), "rescale_factor");
        refused(RAD_DINO.replace("0.00392156862745098", "255"), "rescale_factor");
        refused(RAD_DINO.replace("\"resample\": 3", "\"resample\": 2"), "resample");
        refused(RAD_DINO.replace("BitImageProcessor", "CLIPImageProcessor"), "image_processor_type");
    }

    @Test
    void absentKeysTakeBitImageProcessorsDefaults() throws IOException {
        PreprocessorConfig p = PreprocessorConfig.fromJson(write("{}"));
        assertEquals(224, p.shortestEdge());
        assertEquals(224, p.cropHeight());
        assertArrayEquals(new float[]{0.26862954f, 0.26130258f, 0.27577711f}, p.imageStd());
    }

    @Test
    void aModelFolderWithABadPreprocessorDoesNotLoad() throws IOException {
        Dinov2Config c = SyntheticModelFolder.tinyGeometry();
        SyntheticModelFolder.write(tmp, c, 1);
        Path pre = tmp.resolve("preprocessor_config.json");
        String good = Files.readString(pre);
        // before: loaded, then every image failed with NegativeArraySizeException / produced NaN embeddings
        Files.writeString(pre, good.replaceAll("\"height\": 56", "\"height\": 100000"));
        assertThrows(ConfigValueException.class, () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        Files.writeString(pre, good.replaceAll("0\\.2583\\d*", "0.0"));
        assertThrows(ConfigValueException.class, () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        // a crop smaller than one 14-pixel patch could never be embedded
        Files.writeString(pre, good.replaceAll("\"height\": 56", "\"height\": 10"));
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        assertEquals("crop_size", e.key());
        Files.writeString(pre, good);
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null)) {
            assertEquals(56, cp.preprocessor().orElseThrow().cropHeight());
        }
    }
}
