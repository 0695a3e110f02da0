package org.raylens.app.similar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.io.NpyWriter;

/** Reading embeddings for an index: embed's table and its .npy form, and the typed refusals. */
class EmbeddingsFilesTest {
    private static final String SHA = "c".repeat(64);
    /** raylens embed's header for 3 values (EmbeddingCsv.PROVENANCE, then e0..e2). */
    static final String HEADER = "source,weights_sha256,weights_file,naming,input_recipe,preprocessing,interpolation,"
            + "grid_rows,grid_cols,dim,e0,e1,e2";

    @TempDir
    Path tmp;

    static String row(String source, String sha, String recipeCell, String values) {
        return source + "," + sha + ",model.safetensors,hf,\"" + recipeCell + "\",BitImageProcessor,HF,4,4,3," + values;
    }

    @Test
    void readsEmbedsTableWithItsProvenanceAndSkipsARowCutByAnInterruption() throws IOException {
        Path csv = tmp.resolve("emb.csv");
        Files.writeString(csv, HEADER + "\n"
                + row("file:///d/a.dcm", SHA, "DICOM 16-bit; input recipe minmax: modality values, min-max", "1,0,0")
                + "\n" + row("file:///d/b.dcm", SHA, "DICOM; input recipe minmax: x", "0.5,0.5,0") + "\n"
                + row("file:///d/c.dcm", SHA, "DICOM; input recipe minmax: x", "0.5,0.2")); // cut: no newline
        Embeddings e = EmbeddingsFiles.read(csv);
        assertEquals(new EmbeddingProvenance(SHA, "minmax", 3), e.provenance());
        assertEquals(2, e.rows().size());
        assertEquals("file:///d/b.dcm", e.rows().get(1).image().path());
        assertArrayEquals(new float[]{0.5f, 0.5f, 0}, e.rows().get(1).vector());
        assertEquals("", e.rows().get(0).image().studyUid(), "embed's table has no UIDs");
    }

    @Test
    void readsUidColumnsAndTheRecipeIdWhenATableHasThem() throws IOException {
        Path csv = tmp.resolve("spark.csv");
        Files.writeString(csv, "path,study_uid,series_uid,sop_uid,weights_sha256,recipe,e0,e1\n"
                + "/d/a.dcm,1.1,1.1.1,1.1.1.1," + SHA + ",as-displayed,1,2\n");
        Embeddings e = EmbeddingsFiles.read(csv);
        assertEquals(new IndexedImage("/d/a.dcm", "1.1", "1.1.1", "1.1.1.1"), e.rows().get(0).image());
        assertEquals(new EmbeddingProvenance(SHA, "as-displayed", 2), e.provenance());
    }

    @Test
    void readsTheNpyFormWithItsSidecar() throws IOException {
        Path npy = tmp.resolve("emb.npy");
        Files.writeString(tmp.resolve("emb.npy.csv"), HEADER + "\n"
                + row("file:///d/a.png", SHA, "PNG; input recipe minmax: x", "9,9,9") + "\n"
                + row("file:///d/b.png", SHA, "PNG; input recipe minmax: x", "9,9,9") + "\n");
        NpyWriter.writeRows(npy, new long[]{2, 3}, List.of(new float[]{1, 2, 3}, new float[]{4, 5, 6}));
        Embeddings e = EmbeddingsFiles.read(npy);
        assertArrayEquals(new float[]{4, 5, 6}, e.rows().get(1).vector(), "the vectors come from the .npy");
        assertEquals("file:///d/b.png", e.rows().get(1).image().path());

        Files.delete(tmp.resolve("emb.npy.csv"));
        assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(npy));
    }

    @Test
    void parquetIsRefusedWithTheSparkAndCsvRoutes() throws IOException {
        Path file = tmp.resolve("part-00000.snappy.parquet");
        Files.write(file, new byte[]{'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'});
        var e = assertThrows(SimilarIndexException.UnsupportedEmbeddings.class, () -> EmbeddingsFiles.read(file));
        assertTrue(e.getMessage().contains("--format csv"), e.getMessage());
        assertTrue(e.getMessage().contains("raylens-spark-submit index"), e.getMessage());
        // the Spark job's whole output folder: OUT/embeddings/run=ID/part-*.parquet
        Path run = Files.createDirectories(tmp.resolve("out/embeddings/run=20261207T000000Z-0"));
        Files.copy(file, run.resolve("part-00000-x.snappy.parquet"));
        assertThrows(SimilarIndexException.UnsupportedEmbeddings.class,
                () -> EmbeddingsFiles.read(tmp.resolve("out")));
        // Spark writes a folder of parts
        Path folder = Files.createDirectory(tmp.resolve("embeddings.parquet.d"));
        Files.copy(file, folder.resolve("part-00000.parquet"));
        assertThrows(SimilarIndexException.UnsupportedEmbeddings.class, () -> EmbeddingsFiles.read(folder));
        // a Parquet file by its magic, whatever its name
        Path renamed = tmp.resolve("embeddings.csv");
        Files.copy(file, renamed);
        assertThrows(SimilarIndexException.UnsupportedEmbeddings.class, () -> EmbeddingsFiles.read(renamed));
    }

    @Test
    void tablesThatCannotMakeOneIndexAreRefusedNamingTheRow() throws IOException {
        Path mixed = tmp.resolve("mixed.csv");
        Files.writeString(mixed, HEADER + "\n" + row("a", SHA, "input recipe minmax: x", "1,0,0") + "\n"
                + row("b", "d".repeat(64), "input recipe minmax: x", "1,0,0") + "\n");
        var e = assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(mixed));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());

        Path recipes = tmp.resolve("recipes.csv");
        Files.writeString(recipes, HEADER + "\n" + row("a", SHA, "input recipe minmax: x", "1,0,0") + "\n"
                + row("b", SHA, "input recipe as-displayed: y", "1,0,0") + "\n");
        assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(recipes));

        Path noSha = tmp.resolve("nosha.csv");
        Files.writeString(noSha, HEADER + "\n" + row("a", "not computed", "input recipe minmax: x", "1,0,0") + "\n");
        assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(noSha));

        Path zero = tmp.resolve("zero.csv");
        Files.writeString(zero, HEADER + "\n" + row("a", SHA, "input recipe minmax: x", "0,0,0") + "\n");
        assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(zero));

        Path notTable = tmp.resolve("notes.csv");
        Files.writeString(notTable, "name,age\nx,3\n");
        assertThrows(SimilarIndexException.BadEmbeddings.class, () -> EmbeddingsFiles.read(notTable));
    }

    @Test
    void recipeIdsAreReadFromEmbedsProvenanceSentences() {
        assertEquals("minmax", EmbeddingsFiles.recipeId("DICOM JPEG lossless; input recipe minmax: modality values"));
        assertEquals("as-displayed", EmbeddingsFiles.recipeId("PNG; input recipe as-displayed: the 8-bit image"));
        assertEquals("minmax", EmbeddingsFiles.recipeId("npy 2-D values; minmax: modality values"));
        assertEquals("minmax", EmbeddingsFiles.recipeId("minmax"));
        assertEquals("none (input already normalised)", EmbeddingsFiles.recipeId("none (input already normalised)"));
    }
}
