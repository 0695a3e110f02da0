package org.raylens.app.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The headless embedding core: outcomes in source order, a DICOM image's UIDs carried to its result, a bad file
 * reported with its typed error while the others embed, and an image the sink declines skipped before its forward.
 */
class EmbeddingPipelineTest {
    @TempDir
    Path tmp;

    private static Optional<Path> shared() {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
        return Files.isDirectory(shared.resolve("golden")) && Files.isDirectory(shared.resolve("data/cxr"))
                ? Optional.of(shared) : Optional.empty();
    }

    @Test
    void embedsInOrderWithUidsAndTypedFailures() throws IOException {
        Path shared = shared().orElse(null);
        assumeTrue(shared != null, "../shared is absent; embedding pipeline test skipped");
        FileSourceKind files = new FileSourceKind();
        Path broken = tmp.resolve("broken.dcm");
        Files.writeString(broken, "DICM");
        Path dicom = shared.resolve("data/cxr/dicom/CR-MONO1-10-chest.dcm");
        List<Path> pngs;
        try (var s = Files.list(shared.resolve("data/cxr/png/hannover"))) {
            pngs = s.sorted().limit(2).toList();
        }
        List<ImageSource> sources = List.of(files.file(dicom), files.file(broken), files.file(pngs.get(0)),
                files.file(pngs.get(1)));
        List<String> seen = new ArrayList<>();
        List<EmbeddingPipeline.Embedded> results = new ArrayList<>();
        try (Encoder encoder = Encoders.builder().folder(shared.resolve("golden/tiny/hf")).build()) {
            EmbeddingPipeline pipeline = EmbeddingPipeline.builder().setEncoder(encoder)
                    .setReaders(EmbeddingPipeline.defaultReaders(() -> InputRecipe.MINMAX)).build();
            pipeline.run(sources, new EmbeddingPipeline.Sink() {
                @Override
                public boolean wants(ImageSource source) {
                    return !source.equals(sources.get(3)); // as if its row existed already
                }

                @Override
                public void skipped(ImageSource source) {
                    seen.add("skipped " + source.uri());
                }

                @Override
                public void embedded(EmbeddingPipeline.Embedded result) {
                    seen.add("embedded " + result.source().uri());
                    results.add(result);
                }

                @Override
                public void failed(ImageSource source, Throwable error) {
                    seen.add("failed " + source.uri() + " " + TypedErrors.name(error));
                }
            }, () -> false);
        }
        assertEquals(List.of("embedded " + sources.get(0).uri(), "failed " + sources.get(1).uri()
                + " TruncatedDicomException", "embedded " + sources.get(2).uri(), "skipped " + sources.get(3).uri()),
                seen);
        ImageUids uids = results.get(0).uids();
        assertNotNull(uids.study());
        assertNotNull(uids.series());
        assertNotNull(uids.sopInstance());
        assertTrue(results.get(0).inputProvenance().startsWith("DICOM"), results.get(0).inputProvenance());
        assertNull(results.get(1).uids().sopInstance(), "a PNG has no UIDs");
        assertEquals(64, results.get(1).vector().length);
    }
}
