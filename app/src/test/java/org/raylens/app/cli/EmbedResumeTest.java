package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens embed} stopped by a signal in a separate JVM (SIGTERM as Ctrl-C would, then SIGKILL) and resumed
 * gives the very bytes of an uninterrupted run; a second writer on the same output is refused.
 */
class EmbedResumeTest {
    private static final int IMAGES = 120;

    @TempDir
    Path tmp;

    private Path model() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed resume test skipped");
        return g.resolve("tiny/hf");
    }

    private Path images() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < IMAGES; i++) {
            BufferedImage img = new BufferedImage(56 + i % 5, 56 + i % 3, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.getRaster().setSample(x, y, 0, (x * (i + 3) + y * 7) & 0xff);
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
        }
        return dir;
    }

    private static int runHere(StringWriter err, StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    /** Starts embed in a child JVM and returns it once its table holds at least {@code rows} data rows. */
    private Process startAndWaitForRows(Path log, Path csv, int rows, String... args) throws Exception {
        Process p = ChildJvm.start(EmbedChild.class, log, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(csv) && Files.readAllLines(csv).size() > rows) {
                return p;
            }
            if (!p.isAlive()) {
                fail("embed ended before it could be interrupted: " + Files.readString(log));
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        fail("embed wrote no rows in 120 s: " + Files.readString(log));
        return p;
    }

    @Test
    void interruptedThenKilledThenResumedIsByteIdenticalToAnUninterruptedRun() throws Exception {
        Path model = model();
        Path images = images();
        Path whole = tmp.resolve("whole/emb.csv");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        assertEquals(0, runHere(err, out, images.toString(), "--model", model.toString(), "--threads", "1",
                "--out", whole.toString()), err.toString());
        assertTrue(out.toString().contains("embedded " + IMAGES + " new image(s), 0 already done, 0 failed"),
                out.toString());

        Path csv = tmp.resolve("resumed/emb.csv");
        String[] args = {images.toString(), "--model", model.toString(), "--threads", "1", "--out", csv.toString()};
        // SIGTERM, as Ctrl-C: the run finishes its current image, keeps complete rows and says how to resume
        Path log = tmp.resolve("term.log");
        Process p = startAndWaitForRows(log, csv, 3, args);
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String said = Files.readString(log);
        assertTrue(said.contains("interrupted after") && said.contains("rerun the same command to resume"), said);
        int afterTerm = Files.readAllLines(csv).size() - 1;
        assertTrue(afterTerm < IMAGES, "stopped before the end: " + afterTerm);
        assertTrue(Files.readString(csv).endsWith("\n"), "the last row is complete");

        // SIGKILL: no chance to tidy up at all
        p = startAndWaitForRows(tmp.resolve("kill.log"), csv, afterTerm + 3, args);
        p.destroyForcibly();
        p.waitFor(60, TimeUnit.SECONDS);
        int afterKill = Files.readAllLines(csv).size() - 1;
        assumeTrue(afterKill < IMAGES, "the run finished before the kill landed; nothing left to resume");

        StringWriter resumedOut = new StringWriter();
        assertEquals(0, runHere(err, resumedOut, args), err.toString());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(csv),
                "resumed table differs from the uninterrupted one");
        String summary = resumedOut.toString();
        assertTrue(summary.contains("already done, 0 failed") && !summary.contains("embedded " + IMAGES + " new"),
                "the summary says what was new and what was skipped: " + summary);

        // a rerun with nothing left does nothing, and says so
        StringWriter rerun = new StringWriter();
        assertEquals(0, runHere(err, rerun, args), err.toString());
        assertTrue(rerun.toString().contains("embedded 0 new image(s), " + IMAGES + " already done, 0 failed"),
                rerun.toString());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(csv));
    }

    @Test
    void aSecondWriterOnTheSameOutputIsRefused() throws Exception {
        Path model = model();
        Path images = images();
        Path csv = tmp.resolve("locked/emb.csv");
        Path log = tmp.resolve("lock.log");
        Process holder = ChildJvm.start(LockHolderChild.class, log, csv.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("locked")) {
                assertTrue(holder.isAlive() && System.nanoTime() < deadline, Files.readString(log));
                Thread.sleep(10);
            }
            StringWriter err = new StringWriter();
            int rc = runHere(err, new StringWriter(), images.toString(), "--model", model.toString(), "--threads",
                    "1", "--out", csv.toString());
            assertEquals(CliExitCodes.UNREADABLE, rc, err.toString());
            assertTrue(err.toString().contains("being written by another raylens run"), err.toString());
            assertTrue(!Files.exists(csv), "the refused run wrote nothing");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // the holder is gone (killed): its lock went with it
        StringWriter err = new StringWriter();
        assertEquals(0, runHere(err, new StringWriter(), images.toString(), "--model", model.toString(),
                "--threads", "1", "--out", csv.toString()), err.toString());
        assertEquals(IMAGES + 1, Files.readAllLines(csv).size());
    }

    @Test
    void aCutLastRowIsRecomputedAndTheNpyFormStillWorks() throws Exception {
        Path model = model();
        Path images = Files.createDirectories(tmp.resolve("few"));
        Path all = images();
        for (int i = 0; i < 3; i++) {
            Files.copy(all.resolve(String.format("img%03d.png", i)), images.resolve(String.format("img%03d.png", i)));
        }
        Path npy = tmp.resolve("npy/emb.npy");
        Path csv = tmp.resolve("npy/emb.npy.csv");
        StringWriter err = new StringWriter();
        String[] args = {images.toString(), "--model", model.toString(), "--threads", "1", "--out", npy.toString()};
        assertEquals(0, runHere(err, new StringWriter(), args), err.toString());
        byte[] whole = Files.readAllBytes(csv);
        String text = Files.readString(csv);
        List<String> lines = List.of(text.split("\n"));
        String last = lines.get(lines.size() - 1);
        // cut inside the last value (-0.249 of -0.24999171), and cut just after the last comma
        for (String cut : List.of(last.substring(0, last.length() - 4), last.substring(0, last.lastIndexOf(',') + 1))) {
            Files.writeString(csv, text.substring(0, text.length() - last.length() - 1) + cut);
            StringWriter out = new StringWriter();
            assertEquals(0, runHere(err, out, args), err.toString());
            assertArrayEquals(whole, Files.readAllBytes(csv), "the cut row was computed again: " + cut);
            assertTrue(out.toString().contains("embedded 1 new image(s), 2 already done"), out.toString());
            assertEquals(3, org.raylens.inference.io.NpyReader.read(npy).dim(0));
        }
    }
}
