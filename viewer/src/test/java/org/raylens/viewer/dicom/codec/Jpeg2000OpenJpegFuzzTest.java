package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.PixelDataException;

/**
 * Mutation fuzzing of the native JPEG 2000 path, in-process: OpenJPEG runs inside the JVM, so an input that made it
 * crash would take the test JVM down, and one that made it spin could not be stopped. Every mutated frame must decode
 * to the declared sample count or raise a typed error within 2 s. Seeds: every JPEG 2000 file of the conformance set
 * (lossless, lossy, colour, JP2-wrapped). Iterations: {@code -Draylens.fuzz.iterations} (default 300). With the
 * environment variable {@code RAYLENS_FUZZ_DUMP} set to a folder, each input is written there as {@code current.bin}
 * before it is decoded, so the input that killed a JVM can be recovered.
 */
class Jpeg2000OpenJpegFuzzTest {

    private static final long TIMEOUT_MS = 2000;

    private static final String[] SEEDS = {"pydicom/MR_small_jp2klossless.dcm", "pydicom/JPEG2000.dcm",
        "pydicom-data/US1_J2KR.dcm", "pydicom-data/MR2_J2KI.dcm", "pylibjpeg-data/ELSCINT1_JP2vsJ2K.dcm"};

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "openjpeg-fuzz");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private record Seed(String name, String syntax, PixelDescription d, byte[] frame) {
    }

    @Test
    void mutatedCodestreamsGiveSamplesOrTypedErrorsQuickly() throws Exception {
        Map<String, Map<String, String>> manifest = SharedData.manifest();
        assumeTrue(!manifest.isEmpty(), "../shared conformance data is not available");
        Jpeg2000Codec codec = Jpeg2000Codec.withOpenJpeg().orElse(null);
        assumeTrue(codec != null, "libopenjp2 is not installed: " + Jpeg2000Codec.openJpegStatus());
        List<Seed> seeds = new ArrayList<>();
        for (String name : SEEDS) {
            Map<String, String> row = manifest.get(name);
            assumeTrue(row != null, name + " is not in the conformance manifest");
            PixelDescription d = SharedData.description(row);
            byte[] frame = TestDicom.encapsulated(SharedData.conformance().resolve(name)).frame(0, d.frames());
            codec.decode(frame, d, row.get("transfer_syntax_uid")); // the clean seed must decode
            seeds.add(new Seed(name, row.get("transfer_syntax_uid"), d, frame));
        }
        String dump = System.getenv("RAYLENS_FUZZ_DUMP");
        int iterations = Integer.getInteger("raylens.fuzz.iterations", 300);
        Random rnd = new Random(20261124L);
        int decoded = 0;
        int typed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < iterations && failures.isEmpty(); i++) {
            Seed seed = seeds.get(i % seeds.size());
            byte[] input = FrameMutator.mutate(seed.frame(), rnd);
            if (dump != null) {
                Files.write(Path.of(dump, "current.bin"), input);
            }
            Future<Throwable> f = worker.submit(() -> {
                try {
                    int[] out = codec.decode(input, seed.d(), seed.syntax());
                    return out.length == seed.d().samplesPerFrame() ? null
                            : new AssertionError("wrong sample count " + out.length);
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable outcome;
            try {
                outcome = f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (dump != null) {
                    Files.write(Path.of(dump, "slow-" + i + ".bin"), input);
                }
                failures.add(seed.name() + " #" + i + ": took over " + TIMEOUT_MS + " ms");
                break;
            }
            if (outcome == null) {
                decoded++;
            } else if (outcome instanceof PixelDataException) {
                typed++;
            } else {
                failures.add(seed.name() + " #" + i + ": " + outcome);
            }
        }
        System.out.printf("OpenJPEG fuzz: %d inputs, %d decoded, %d typed errors, %d failures%n", iterations,
                decoded, typed, failures.size());
        assertEquals(List.of(), failures);
    }
}
