package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code explain --out map.png} killed with SIGKILL while it writes: the target must always hold a complete old or a
 * complete new PNG, byte for byte, never a truncated one (the overlay used to be streamed straight to the target).
 */
class AtomicWritesKillTest {
    private static final int KILLS = 30;

    @TempDir
    Path tmp;

    @Test
    void killedWhileWritingThePngLeavesAWholeOldOrNewFile() throws Exception {
        Path ref0 = tmp.resolve("ref0.png");
        Path ref1 = tmp.resolve("ref1.png");
        PngOverwriteChild.write(ref0, 0);
        PngOverwriteChild.write(ref1, 1);
        byte[] v0 = Files.readAllBytes(ref0);
        byte[] v1 = Files.readAllBytes(ref1);
        assertTrue(v0.length > 1_000_000, "a payload big enough to be caught mid-write: " + v0.length);
        Path target = tmp.resolve("out/map.png");
        Files.createDirectories(target.getParent());
        Files.copy(ref0, target); // a good file from an earlier run, which a kill must not destroy
        Random random = new Random(12);
        int sawNew = 0;
        for (int i = 0; i < KILLS; i++) {
            Path log = tmp.resolve("child.log");
            Process p = ChildJvm.start(PngOverwriteChild.class, log, target.toString());
            try {
                // after the first completed write, kill anywhere within the next two writes' time
                long ms = firstWriteMillis(log, p);
                Thread.sleep(random.nextInt((int) Math.max(1, 2 * ms)));
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(Files.isRegularFile(target), "kill " + i + ": the target vanished");
            byte[] now = Files.readAllBytes(target);
            if (Arrays.equals(now, v1)) {
                sawNew++;
            } else if (!Arrays.equals(now, v0)) {
                fail("kill " + i + ": the target is neither the old nor the new PNG (" + now.length + " bytes, expected "
                        + v0.length + " or " + v1.length + "); child log: "
                        + Files.readString(tmp.resolve("child.log")));
            }
        }
        assertTrue(sawNew > 0, "no kill came after a completed write; the test did not exercise replacing");
        try (var leftovers = Files.list(target.getParent())) {
            // killed writes leave hidden .part files (named for what they are); never a visible partial map
            assertTrue(leftovers.map(f -> f.getFileName().toString())
                    .allMatch(n -> n.equals("map.png") || n.startsWith(".map.png.")), "only the map and hidden parts");
        }
    }

    /** Waits for the child's first "wrote <ms>" line and returns the ms. */
    private static long firstWriteMillis(Path log, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("wrote ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            if (!p.isAlive()) {
                fail("the child ended: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        fail("the child wrote nothing in 60 s: " + Files.readString(log));
        return 0;
    }
}
