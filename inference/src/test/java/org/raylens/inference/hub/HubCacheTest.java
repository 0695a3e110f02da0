package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing a cache written the way huggingface_hub writes it (built here by hand, file by file, as its
 * {@code hf_hub_download} leaves it), so that models a user already has are found.
 */
class HubCacheTest {
    private static final String MAIN = "71950b6d2d0aa8d26b4b7b2e8d5d7b9d4f3c8e01";
    private static final String OLD = "1111111111111111111111111111111111111111";

    @TempDir
    Path root;

    @Test
    void listsACacheWrittenByHuggingFaceHub() throws IOException {
        Path rad = root.resolve("models--microsoft--rad-dino");
        blobAndLink(rad, MAIN, "config.json", "a".repeat(40));
        blobAndLink(rad, MAIN, "model.safetensors", "b".repeat(64));
        blobAndLink(rad, MAIN, "preprocessor_config.json", "c".repeat(40));
        Files.writeString(Files.createDirectories(rad.resolve("refs")).resolve("main"), MAIN);
        Files.createDirectories(rad.resolve("snapshots").resolve(OLD));
        Files.createDirectories(rad.resolve("snapshots").resolve("odd"));
        Files.createDirectories(rad.resolve(".no_exist").resolve(MAIN));

        Path evax = root.resolve("models--MapleF--eva_x");
        blobAndLink(evax, OLD, "eva_x_tiny_patch16_merged520k_mim.pt", "d".repeat(64));
        Files.writeString(Files.createDirectories(evax.resolve("refs/refs/pr")).resolve("1"), OLD);

        Path broken = root.resolve("models--acme--half");
        Files.createDirectories(broken.resolve("snapshots").resolve(MAIN));
        Files.createSymbolicLink(broken.resolve("snapshots").resolve(MAIN).resolve("model.safetensors"),
                Path.of("../../blobs/" + "e".repeat(64)));
        Files.writeString(broken.resolve("snapshots").resolve(MAIN).resolve("config.json"), "{}");

        Files.createDirectories(root.resolve("datasets--acme--data/snapshots"));
        Files.createDirectories(root.resolve(".locks"));
        Files.createDirectories(root.resolve("models--acme--nosnapshots"));

        List<CachedModel> models = new HubCache(root).list();

        assertEquals(List.of("MapleF/eva_x", "acme/half", "acme/nosnapshots", "microsoft/rad-dino"),
                models.stream().map(m -> m.repo().id()).toList(), "model repositories only, by id");
        CachedModel radDino = models.get(3);
        assertTrue(radDino.loadable());
        CachedSnapshot main = radDino.snapshots().get(0);
        assertEquals(MAIN, main.commit());
        assertEquals(List.of("main"), main.refs());
        assertEquals(ModelFolderCheck.Kind.SAFETENSORS_FOLDER, main.kind());
        assertEquals(List.of("config.json", "model.safetensors", "preprocessor_config.json"), main.files());
        assertEquals(OLD, radDino.snapshots().get(1).commit());
        assertFalse(radDino.snapshots().get(1).loadable());
        assertEquals("odd", radDino.snapshots().get(2).shortCommit(), "a stray folder is listed, not a crash");

        CachedSnapshot eva = models.get(0).snapshots().get(0);
        assertEquals(ModelFolderCheck.Kind.PYTORCH_CHECKPOINT, eva.kind());
        assertEquals(List.of("refs/pr/1"), eva.refs());

        CachedSnapshot half = models.get(1).snapshots().get(0);
        assertEquals(List.of("model.safetensors"), half.missingBlobs());
        assertFalse(half.loadable(), "a link to a missing blob is not a model");
        assertEquals("no snapshots folder", models.get(2).problem());
    }

    @Test
    void missingCacheIsEmpty() throws IOException {
        assertEquals(List.of(), new HubCache(root.resolve("absent")).list());
    }

    private static void blobAndLink(Path repo, String commit, String file, String etag) throws IOException {
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve(etag);
        Files.writeString(blob, file);
        Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        Files.createSymbolicLink(snapshot.resolve(file), Path.of("../../blobs").resolve(etag));
    }
}
