package org.raylens.inference.family.dinov2;

import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.LoadOptions;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A config value the weights cannot prove is never guessed: the head count must be stated (config.json, --heads)
 * or the shapes must be exactly a published DINOv2 model's; values the shapes fix are read from them, and said so.
 */
class MissingConfigValuesTest {
    @TempDir
    Path tmp;

    private Path hfFolder() throws IOException {
        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        SyntheticCheckpoints.writeHf(tmp, c, new SyntheticWeights(c, 2), "");
        return tmp.resolve("config.json");
    }

    @Test
    void aConfigWithoutTheHeadCountIsRefusedUnlessTheCallerGivesIt() throws IOException {
        Path config = hfFolder();
        Files.writeString(config, Files.readString(config).replace("\"num_attention_heads\": 2,", ""));
        // before: HF's class default of 12 heads was taken (and failed only because 32 % 12 != 0)
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null));
        assertEquals("num_attention_heads", e.key());
        assertTrue(e.getMessage().contains("cannot tell"), e.getMessage());
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(tmp, LoadOptions.defaults().withHeads(2), null)) {
            assertEquals(2, cp.config().numHeads());
        }
    }

    @Test
    void aStatedHeadCountThatContradictsTheRequestIsRefused() throws IOException {
        hfFolder();
        ConfigValueException e = assertThrows(ConfigValueException.class,
                () -> Dinov2Checkpoint.open(tmp, LoadOptions.defaults().withHeads(4), null));
        assertEquals("num_attention_heads", e.key());
    }

    @Test
    void shapeValuesAbsentFromConfigAreReadFromTheTensorsAndNoted() throws IOException {
        Path config = hfFolder();
        // before: the absent image_size took HF's default 224 and the 3x3 position grid then mismatched
        Files.writeString(config, Files.readString(config).replace("\"image_size\": 42,", "")
                .replace("\"hidden_size\": 32,", ""));
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(tmp, LoadOptions.defaults(), null)) {
            assertEquals(SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true), cp.config());
            assertTrue(cp.notes().stream().anyMatch(n -> n.startsWith("image_size = 42 (absent from config.json;")),
                    cp.notes().toString());
            assertTrue(cp.notes().stream().anyMatch(n -> n.startsWith("hidden_size = 32")), cp.notes().toString());
        }
    }

    @Test
    void configValuesOfTheWrongTypeOrRangeAreRefusedByKey() throws IOException {
        Path config = hfFolder();
        String good = Files.readString(config);
        Files.writeString(config, good.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 2.5"));
        assertEquals("num_hidden_layers", assertThrows(ConfigValueException.class,
                () -> Dinov2Config.fromJson(config)).key());
        Files.writeString(config, good.replace("\"layer_norm_eps\": 1.0E-6", "\"layer_norm_eps\": 0"));
        assertEquals("layer_norm_eps", assertThrows(ConfigValueException.class,
                () -> Dinov2Config.fromJson(config)).key());
        Files.writeString(config, good.replace("\"qkv_bias\": true", "\"qkv_bias\": \"true\""));
        assertEquals("qkv_bias", assertThrows(ConfigValueException.class,
                () -> Dinov2Config.fromJson(config)).key());
    }

    private static NativeArchitectureInference.Shapes shapes(int d, int layers, FeedForwardKind ffn, int mlp,
                                                             int image, int registers) {
        return new NativeArchitectureInference.Shapes(d, layers, 14, image, 3, mlp, ffn, registers, true, true);
    }

    @Test
    void onlyTheExactShapesOfAPublishedDinov2GiveAHeadCount() {
        // RAD-DINO's backbone_compatible.safetensors is a DINOv2 ViT-B/14 at 518 px
        assertEquals(12, KnownDinov2Architectures.match(shapes(768, 12, FeedForwardKind.MLP_GELU, 3072, 518, 0))
                .orElseThrow().heads());
        assertEquals(6, KnownDinov2Architectures.match(shapes(384, 12, FeedForwardKind.MLP_GELU, 1536, 518, 4))
                .orElseThrow().heads());
        assertEquals(16, KnownDinov2Architectures.match(shapes(1024, 24, FeedForwardKind.MLP_GELU, 4096, 518, 0))
                .orElseThrow().heads());
        assertEquals(24, KnownDinov2Architectures.match(shapes(1536, 40, FeedForwardKind.SWIGLU, 4096, 518, 0))
                .orElseThrow().heads());
        assertEquals(Optional.empty(), KnownDinov2Architectures.match(shapes(768, 12, FeedForwardKind.MLP_GELU, 3072, 224, 0)));
        assertEquals(Optional.empty(), KnownDinov2Architectures.match(shapes(768, 11, FeedForwardKind.MLP_GELU, 3072, 518, 0)));
        assertEquals(Optional.empty(), KnownDinov2Architectures.match(shapes(768, 12, FeedForwardKind.MLP_GELU, 2048, 518, 0)));
        assertEquals(Optional.empty(), KnownDinov2Architectures.match(shapes(768, 12, FeedForwardKind.MLP_GELU, 3072, 518, 2)));
        assertEquals(Optional.empty(), KnownDinov2Architectures.match(shapes(32, 2, FeedForwardKind.MLP_GELU, 128, 42, 0)));
    }
}
