package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.io.NpyWriter;

/** {@code raylens similar build|query} and {@code raylens bench similar} through the real command line. */
class SimilarCommandTest {
    private static final String SHA = "e".repeat(64);
    private static final String HEADER = "source,weights_sha256,weights_file,naming,input_recipe,preprocessing,"
            + "interpolation,grid_rows,grid_cols,dim,e0,e1,e2";

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RayLensCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String row(String source, String sha, String values) {
        return source + "," + sha + ",model.safetensors,hf,\"PNG; input recipe minmax: x\",BitImageProcessor,HF,4,4,3,"
                + values;
    }

    /** Three images: a along e0, b 30° from it, c along e2. */
    private Path table() throws IOException {
        Path csv = tmp.resolve("emb.csv");
        Files.writeString(csv, HEADER + "\n" + row("file:///d/a.png", SHA, "1,0,0") + "\n"
                + row("file:///d/b.png", SHA, "0.8660254,0.5,0") + "\n" + row("file:///d/c.png", SHA, "0,0,1") + "\n");
        return csv;
    }

    /** A one-row query .npy, with embed's sidecar naming {@code sha} unless it is null. */
    private Path query(String name, String sha, float... v) throws IOException {
        Path npy = tmp.resolve(name + ".npy");
        NpyWriter.writeRows(npy, new long[]{1, v.length}, List.of(v));
        if (sha != null) {
            Files.writeString(tmp.resolve(name + ".npy.csv"), HEADER + "\n" + row("file:///q.png", sha, "1,0,0")
                    + "\n");
        }
        return npy;
    }

    @Test
    void buildsBesideTheEmbeddingsAndQueriesByEmbedding() throws IOException {
        Result built = run("similar", "build", table().toString());
        assertEquals(0, built.code(), built.err());
        Path index = tmp.resolve("emb.csv.similar");
        assertTrue(Files.isRegularFile(index.resolve("manifest.json")), "the default index sits beside the table");

        Result q = run("similar", "query", "--index", index.toString(), "--embedding",
                query("q", SHA, 1, 0.1f, 0).toString(), "-k", "2");
        assertEquals(0, q.code(), q.err());
        String[] lines = q.out().split("\n");
        assertEquals("rank\tsimilarity\tpath\tstudy_uid\tseries_uid\tsop_uid", lines[0]);
        assertEquals(3, lines.length, q.out());
        assertTrue(lines[1].startsWith("1\t0.9950\tfile:///d/a.png\t"), lines[1]);
        assertTrue(lines[2].startsWith("2\t") && lines[2].contains("file:///d/b.png"), lines[2]);
    }

    @Test
    void anotherModelsOrAnUnknownEmbeddingIsRefusedWithATypedError() throws IOException {
        Path index = tmp.resolve("idx");
        assertEquals(0, run("similar", "build", table().toString(), "--out", index.toString()).code());

        Result other = run("similar", "query", "--index", index.toString(), "--embedding",
                query("other", "f".repeat(64), 1, 0, 0).toString());
        assertEquals(CliExitCodes.UNREADABLE, other.code());
        assertTrue(other.err().contains("SimilarIndexException.ModelMismatch"), other.err());
        assertEquals("", other.out(), "no neighbours printed");

        Path bare = query("bare", null, 1, 0, 0);
        Result unknown = run("similar", "query", "--index", index.toString(), "--embedding", bare.toString());
        assertEquals(CliExitCodes.UNREADABLE, unknown.code());
        assertTrue(unknown.err().contains("SimilarIndexException.UnsupportedEmbeddings")
                && unknown.err().contains("--same-model-as-index"), unknown.err());
        Result stated = run("similar", "query", "--index", index.toString(), "--embedding", bare.toString(),
                "--same-model-as-index", "-k", "1");
        assertEquals(0, stated.code(), stated.err());
        assertTrue(stated.out().contains("file:///d/a.png"), stated.out());

        Result shorter = run("similar", "query", "--index", index.toString(), "--embedding",
                query("short", null, 1, 0).toString(), "--same-model-as-index");
        assertEquals(CliExitCodes.UNREADABLE, shorter.code());
        assertTrue(shorter.err().contains("SimilarIndexException.DimensionMismatch"), shorter.err());
    }

    @Test
    void aDamagedIndexOrParquetInputIsATypedError() throws IOException {
        Path index = tmp.resolve("idx");
        assertEquals(0, run("similar", "build", table().toString(), "--out", index.toString()).code());
        Files.delete(index.resolve("manifest.json"));
        Result damaged = run("similar", "query", "--index", index.toString(), "--embedding",
                query("q", SHA, 1, 0, 0).toString());
        assertEquals(CliExitCodes.UNREADABLE, damaged.code());
        assertTrue(damaged.err().contains("SimilarIndexException.CorruptIndex"), damaged.err());

        Path parquet = tmp.resolve("part-0.parquet");
        Files.write(parquet, new byte[]{'P', 'A', 'R', '1', 'P', 'A', 'R', '1'});
        Result refused = run("similar", "build", parquet.toString(), "--out", tmp.resolve("p").toString());
        assertEquals(CliExitCodes.UNREADABLE, refused.code());
        assertTrue(refused.err().contains("UnsupportedEmbeddings") && refused.err().contains("--format csv"),
                refused.err());
        assertFalse(Files.exists(tmp.resolve("p")));

        Result exists = run("similar", "build", table().toString(), "--out", tmp.resolve("emb.csv").toString());
        assertEquals(CliExitCodes.FAILURE, exists.code(), "a file of that name is never replaced: " + exists.err());
    }

    @Test
    void queriesByImageWithTheIndexsModel() throws IOException {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; similar --image test skipped");
        String model = g.resolve("tiny/hf").toString();
        Path images = Files.createDirectory(tmp.resolve("images"));
        for (int i = 0; i < 4; i++) {
            png(images.resolve("im" + i + ".png"), 64 + 8 * i, 64, 3 + 4 * i);
        }
        Path csv = tmp.resolve("emb.csv");
        Result embedded = run("embed", images.toString(), "--model", model, "--threads", "1", "--out", csv.toString());
        assertEquals(0, embedded.code(), embedded.err());
        assertEquals(0, run("similar", "build", csv.toString(), "--out", tmp.resolve("idx").toString()).code());

        Result q = run("similar", "query", "--index", tmp.resolve("idx").toString(), "--image",
                images.resolve("im2.png").toString(), "--model", model, "--threads", "1", "-k", "3");
        assertEquals(0, q.code(), q.err());
        String first = q.out().split("\n")[1];
        assertTrue(first.startsWith("1\t1.0000\t") && first.contains("im2.png"), "the image finds itself: " + first);

        Result noModel = run("similar", "query", "--index", tmp.resolve("idx").toString(), "--image",
                images.resolve("im2.png").toString());
        assertEquals(CliExitCodes.UNREADABLE, noModel.code());
        assertTrue(noModel.err().contains("--model"), noModel.err());

        // weights whose SHA-256 is not the index's (here: not computed at all) are refused, not silently used
        Result unhashed = run("similar", "query", "--index", tmp.resolve("idx").toString(), "--image",
                images.resolve("im2.png").toString(), "--model", model, "--no-sha256");
        assertEquals(CliExitCodes.UNREADABLE, unhashed.code());
        assertTrue(unhashed.err().contains("SimilarIndexException.ModelMismatch"), unhashed.err());
    }

    @Test
    void theUidsOfDicomImagesAreReadFromTheirHeadersWhenTheTableLacksThem() throws Exception {
        Path dicom = org.raylens.app.SmallDicomStudy.write(Files.createDirectory(tmp.resolve("dicom")));
        Path csv = tmp.resolve("emb.csv");
        Files.writeString(csv, HEADER + "\n" + row(dicom.toUri().toASCIIString(), SHA, "1,0,0") + "\n"
                + row("file:///absent/b.dcm", SHA, "0,1,0") + "\n");
        Result built = run("similar", "build", csv.toString(), "--out", tmp.resolve("idx").toString());
        assertEquals(0, built.code(), built.err());
        assertTrue(built.err().contains("the UIDs of 1 image(s) could not be read") && built.err().contains("b.dcm"),
                "the unreadable one is named, not hidden: " + built.err());
        Result q = run("similar", "query", "--index", tmp.resolve("idx").toString(), "--embedding",
                query("q", SHA, 1, 0, 0).toString(), "-k", "1");
        assertTrue(q.out().contains("\t2.25.1002\t2.25.1003\t2.25.1001"), "Study, Series, SOP UIDs: " + q.out());

        Result skipped = run("similar", "build", csv.toString(), "--out", tmp.resolve("idx2").toString(),
                "--no-read-uids");
        assertEquals(0, skipped.code(), skipped.err());
        assertFalse(run("similar", "query", "--index", tmp.resolve("idx2").toString(), "--embedding",
                query("q", SHA, 1, 0, 0).toString(), "-k", "1").out().contains("2.25.1002"));
    }

    @Test
    void benchSimilarPrintsRecallAndLatencyLines() {
        Result r = run("bench", "similar", "--count", "400", "--dim", "16", "--queries", "20", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*\\nrecall@10: (0\\.9\\d*|1\\.0+) .*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nquery p50: \\d+\\.\\d+ ms\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\\nquery p99: \\d+\\.\\d+ ms\\n.*"), r.out());
        assertTrue(r.out().contains("build: ") && r.out().contains("index size: "), r.out());
    }

    private static void png(Path p, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * seed + y * y * 3 / (seed + 1)) & 0xff);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }
}
