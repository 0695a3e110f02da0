package org.raylens.app.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.cli.EmbedCommand;
import org.raylens.app.embed.ImageUids;
import org.raylens.app.similar.Embeddings;
import org.raylens.app.similar.EmbeddingsFiles;
import org.raylens.app.similar.HnswSettings;
import org.raylens.app.similar.SimilarHit;
import org.raylens.app.similar.SimilarityIndex;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Spark job in a {@code local[2]} session: the same embeddings, bit for bit, as {@code raylens embed} on
 * ../shared/data/cxr; resume; failures in their own table; the CSV form; and no partial run ever visible.
 */
class SparkEmbedJobTest {
    private static SparkSession spark;
    private static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        shared = TestData.shared().orElse(null);
        if (shared == null) {
            return;
        }
        spark = SparkSession.builder().master("local[2]").appName("raylens-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private record Result(int rc, String out, String err) {
    }

    private Result job(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = SparkEmbedJob.run(spark, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(rc, out.toString(), err.toString());
    }

    private Path embedCsv(Path out, String... inputs) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        String[] args = Stream.concat(Stream.of(inputs), Stream.of("--model", TestData.tinyModel(shared).toString(),
                "--threads", "1", "--out", out.toString())).toArray(String[]::new);
        int rc = cli.execute(args);
        assertTrue(rc == 0 || rc == 3, "raylens embed: " + err);
        return out;
    }

    private static Map<String, float[]> vectors(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.getString(r.fieldIndex("source")), r -> {
            List<Float> l = r.getList(r.fieldIndex("embedding"));
            float[] v = new float[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = l.get(i);
            }
            return v;
        }));
    }

    private static void assertBitIdentical(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same images");
        for (Map.Entry<String, float[]> e : expected.entrySet()) {
            float[] a = actual.get(e.getKey());
            assertEquals(e.getValue().length, a.length, e.getKey());
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(e.getValue()[i]), Float.floatToRawIntBits(a[i]),
                        e.getKey() + " value " + i);
            }
        }
    }

    private static void png(Path p, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * seed + y * 3) & 0xff);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    @Test
    void parquetAndCsvAreBitIdenticalToRaylensEmbedOnTheSharedChestXrays() throws IOException {
        assumeTrue(shared != null, "../shared (golden tiny model and data/cxr) is absent; Spark job test skipped");
        Path cxr = shared.resolve("data/cxr");
        Path embed = embedCsv(tmp.resolve("embed.csv"), cxr.toString());
        Map<String, float[]> expected = TestData.readCsv(embed);
        assertTrue(expected.size() >= 90, "raylens embed embedded the folder: " + expected.size());

        Path out = tmp.resolve("out");
        Result r = job("--model", TestData.tinyModel(shared).toString(), "--out", out.toString(), cxr.toString());
        assertEquals(SparkEmbedJob.FAILURES, r.rc(), "the colour figures in data/cxr fail, the rest embed: " + r);
        List<Row> rows = spark.read().parquet(out.resolve("embeddings").toString()).collectAsList();
        assertBitIdentical(expected, vectors(rows));

        // provenance columns, and a DICOM image's UIDs as its header has them
        Row dicom = rows.stream().filter(x -> x.getString(0).endsWith("CR-MONO1-10-chest.dcm")).findFirst()
                .orElseThrow();
        ImageUids uids;
        try (OpenedImage o = new ImageOpener().open(cxr.resolve("dicom/CR-MONO1-10-chest.dcm"))) {
            uids = ImageUids.of(o.source().dataset());
        } catch (org.raylens.viewer.dicom.DicomException e) {
            throw new IOException(e);
        }
        assertNotNull(uids.sopInstance());
        assertEquals(uids.study(), dicom.getString(dicom.fieldIndex("study_instance_uid")));
        assertEquals(uids.series(), dicom.getString(dicom.fieldIndex("series_instance_uid")));
        assertEquals(uids.sopInstance(), dicom.getString(dicom.fieldIndex("sop_instance_uid")));
        assertEquals("minmax", dicom.getString(dicom.fieldIndex("recipe")));
        assertEquals("FP32", dicom.getString(dicom.fieldIndex("precision")));
        assertEquals(64, dicom.getInt(dicom.fieldIndex("dim")));

        // the colour figures: typed failures in their own table, the same ones raylens embed lists
        List<Row> failures = spark.read().parquet(out.resolve("failures").toString()).collectAsList();
        List<String> embedFailures = Files.readAllLines(tmp.resolve("embed.csv.failures.csv"));
        assertEquals(embedFailures.size() - 1, failures.size(), "the same failures as raylens embed: " + failures);
        assertTrue(failures.stream().allMatch(f -> f.getString(1).equals("IOException")
                && f.getString(2).contains("colour")), failures.toString());

        // --format csv: the same columns and rows as raylens embed (rows sorted by source)
        Path csv = tmp.resolve("csv/spark.csv"); // a folder that does not exist yet
        Result c = job("--model", TestData.tinyModel(shared).toString(), "--format", "csv", "--out", csv.toString(),
                cxr.toString());
        assertEquals(SparkEmbedJob.FAILURES, c.rc(), c.toString());
        List<String> embedLines = Files.readAllLines(embed);
        List<String> sparkLines = Files.readAllLines(csv);
        assertEquals(embedLines.get(0), sparkLines.get(0), "the same header");
        assertEquals(new HashSet<>(embedLines), new HashSet<>(sparkLines), "the same rows, byte for byte");
        assertTrue(Files.isRegularFile(tmp.resolve("csv/spark.csv.failures.csv")));
    }

    @Test
    void aRerunSkipsImagesDoneAndAKilledRunsStagingIsNeverRead() throws IOException {
        assumeTrue(shared != null, "../shared is absent; Spark resume test skipped");
        List<Path> pngs;
        try (Stream<Path> s = Files.list(shared.resolve("data/cxr/png/hannover"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().limit(3).toList();
        }
        assumeTrue(pngs.size() == 3, "data/cxr/png/hannover has fewer than 3 images");
        Path list = tmp.resolve("first.txt");
        Files.writeString(list, pngs.get(0) + "\n# a comment\n" + pngs.get(1) + "\n");
        Path out = tmp.resolve("out");
        String model = TestData.tinyModel(shared).toString();
        Result first = job("--model", model, "--out", out.toString(), "@" + list);
        assertEquals(0, first.rc(), first.toString());
        assertTrue(first.out().contains("embedded 2 new image(s), 0 already done"), first.out());

        // a killed run's leftovers: a staging folder with a (damaged) part file, never committed
        Path staging = Files.createDirectories(out.resolve("_staging-killed/embeddings"));
        Files.writeString(staging.resolve("part-00000.parquet"), "half a parquet file");
        assertEquals(2, spark.read().parquet(out.resolve("embeddings").toString()).count(),
                "a reader sees the committed runs only");

        Files.writeString(list, pngs.stream().map(Path::toString).collect(Collectors.joining("\n")));
        Result second = job("--model", model, "--out", out.toString(), list.toString());
        assertEquals(0, second.rc(), second.toString());
        assertTrue(second.out().contains("embedded 1 new image(s), 2 already done"), second.out());
        assertTrue(second.err().contains("removed 1 staging folder"), second.err());
        assertFalse(Files.exists(out.resolve("_staging-killed")));
        List<Row> rows = spark.read().parquet(out.resolve("embeddings").toString()).collectAsList();
        assertEquals(3, rows.size());
        Set<Object> runs = rows.stream().map(r -> r.get(r.fieldIndex("run"))).collect(Collectors.toSet());
        assertEquals(2, runs.size(), "two committed runs: " + runs);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(Set.of("embeddings", "failures"), s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).collect(Collectors.toSet()), "nothing else is left in OUT");
        }
    }

    @Test
    void aCorruptFileLandsInTheFailuresTableWithItsTypedError() throws IOException {
        assumeTrue(shared != null, "../shared is absent; Spark failures test skipped");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("scan.dcm"), "DICM");
        png(in.resolve("ok.png"), 64, 56, 5);
        Path out = tmp.resolve("out");
        Result r = job("--model", TestData.tinyModel(shared).toString(), "--out", out.toString(), in.toString());
        assertEquals(SparkEmbedJob.FAILURES, r.rc(), r.toString());
        List<Row> failures = spark.read().parquet(out.resolve("failures").toString()).collectAsList();
        assertEquals(1, failures.size(), failures.toString());
        Row f = failures.get(0);
        assertEquals(in.resolve("scan.dcm").toUri(), URI.create(f.getString(0)));
        assertEquals("TruncatedDicomException", f.getString(1), "the typed error, not its wrapper");
        assertEquals(1, spark.read().parquet(out.resolve("embeddings").toString()).count());
    }

    @Test
    void theIndexOfTheParquetOutputAnswersAsTheIndexOfRaylensEmbedsCsv() throws IOException {
        assumeTrue(shared != null, "../shared is absent; Spark index test skipped");
        Path hannover = shared.resolve("data/cxr/png/hannover");
        String model = TestData.tinyModel(shared).toString();
        Path out = tmp.resolve("out");
        Result embedded = job("--model", model, "--out", out.toString(), hannover.toString());
        assertEquals(0, embedded.rc(), embedded.toString());
        Path fromParquet = tmp.resolve("parquet.similar");
        Result indexed = job("index", out.toString(), "--out", fromParquet.toString());
        assertEquals(0, indexed.rc(), indexed.toString());

        Embeddings csv = EmbeddingsFiles.read(embedCsv(tmp.resolve("embed.csv"), hannover.toString()));
        Path fromCsv = tmp.resolve("csv.similar");
        SimilarityIndex.build(csv, fromCsv, HnswSettings.DEFAULT, false, 1);
        try (SimilarityIndex p = SimilarityIndex.open(fromParquet); SimilarityIndex c = SimilarityIndex.open(fromCsv)) {
            assertEquals(csv.provenance(), p.manifest().provenance(), "the same model, recipe and dimension");
            assertEquals(csv.rows().size(), p.manifest().count());
            for (Embeddings.Row query : csv.rows()) {
                List<SimilarHit> a = p.query(query.vector(), csv.provenance(), 5);
                List<SimilarHit> b = c.query(query.vector(), csv.provenance(), 5);
                assertEquals(b.stream().map(h -> h.image().path()).toList(),
                        a.stream().map(h -> h.image().path()).toList(), "neighbours of " + query.image().path());
                assertEquals(query.image().path(), a.get(0).image().path(), "an indexed image finds itself first");
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(b.get(i).similarity(), a.get(i).similarity(), 1e-6);
                }
            }
        }

        Result again = job("index", out.toString(), "--out", fromParquet.toString());
        assertEquals(SparkEmbedJob.UNREADABLE, again.rc(), "an existing index is kept without --overwrite");
        Result none = job("index", tmp.resolve("nothing-here").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(SparkEmbedJob.UNREADABLE, none.rc());
        assertTrue(none.err().contains("holds no committed embeddings"), none.err());
        assertFalse(Files.exists(tmp.resolve("x")), "no index folder for no embeddings");
    }

    @Test
    void anExecutorRefusesAModelWhoseWeightsAreNotTheDriversOnes() {
        assumeTrue(shared != null, "../shared is absent; model check test skipped");
        JobSpec spec = new JobSpec(TestData.tinyModel(shared).toString(), null, null, null, false, "FP32", 1,
                "minmax", "HF", 1, "0".repeat(64));
        ModelMismatchException e = org.junit.jupiter.api.Assertions.assertThrows(ModelMismatchException.class,
                () -> ExecutorModels.get(spec));
        assertTrue(e.getMessage().contains("driver's has " + "0".repeat(64)), e.getMessage());
    }
}
