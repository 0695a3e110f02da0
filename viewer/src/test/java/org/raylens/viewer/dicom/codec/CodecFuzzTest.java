package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
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
import org.raylens.viewer.dicom.UnsupportedTransferSyntaxException;

/**
 * Mutation fuzzing of real compressed frames: bit flips, byte overwrites, truncations, insertions and deletions, and
 * targeted damage to the marker segments that steer the decoders (SOF, SOS, DHT/DQT, LSE, DRI, J2K SIZ/COD, RLE
 * header). Every input must either decode to the declared number of samples or raise a typed error; nothing may
 * take over 2 s or allocate more than the declared image reasonably needs.
 *
 * <p>The iteration count comes from {@code -Draylens.fuzz.iterations} (default 400, fast enough for every build;
 * {@code mvn -Pfuzz} runs 100 000 at -Xmx256m).
 */
class CodecFuzzTest {

    private static final long TIMEOUT_MS = 2000;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "codec-fuzz");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private record Seed(String name, String syntax, PixelDescription description, byte[] frame, long budget) {
    }

    private record Outcome(boolean decoded, Throwable error, long allocated) {
    }

    private static final String[] SEEDS = {
        "pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom-data/JLSL_16_15_1_1F.dcm",
        "pydicom/JPEGLSNearLossless_16.dcm", "pydicom/MR_small_RLE.dcm", "pydicom/MR_small_jp2klossless.dcm",
        "pylibjpeg-data/JPEGBaseline_1s_1f_u_08_08.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom/JPGExtended.dcm",
        "pydicom/JPEG2000.dcm", "pydicom-data/JPEG-LL.dcm"};

    @Test
    void mutatedFramesRaiseOnlyTypedErrorsQuicklyAndWithinMemory() throws Exception {
        Map<String, Map<String, String>> manifest = SharedData.manifest();
        assumeTrue(!manifest.isEmpty(), "../shared conformance data is not available");
        int iterations = Integer.getInteger("raylens.fuzz.iterations", 400);
        List<Seed> seeds = new ArrayList<>();
        for (String name : SEEDS) {
            Map<String, String> row = manifest.get(name);
            PixelDescription d = SharedData.description(row);
            byte[] frame = TestDicom.encapsulated(SharedData.conformance().resolve(name)).frame(0, d.frames());
            PixelCodec codec = CodecsOnRealFiles.codecFor(row.get("transfer_syntax_uid"));
            // Warm up once, then measure what a clean decode allocates; a mutated input may need somewhat more
            // (error paths, partial tables) but never a different order of magnitude.
            run(codec, frame, d, row.get("transfer_syntax_uid"));
            Outcome clean = run(codec, frame, d, row.get("transfer_syntax_uid"));
            assertTrue(clean.decoded(), name + " must decode cleanly: " + clean.error());
            long budget = 4 * clean.allocated() + 8L * d.samplesPerFrame() * 4 + (16 << 20);
            seeds.add(new Seed(name, row.get("transfer_syntax_uid"), d, frame, budget));
        }
        seeds.addAll(syntheticSeeds());
        Random rnd = new Random(20261123L);
        int decoded = 0;
        int typed = 0;
        Map<String, int[]> perSeed = new java.util.LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            Seed seed = seeds.get(i % seeds.size());
            byte[] input = FrameMutator.mutate(seed.frame(), rnd);
            PixelCodec codec = CodecsOnRealFiles.codecFor(seed.syntax());
            Outcome o;
            try {
                o = run(codec, input, seed.description(), seed.syntax());
            } catch (TimeoutException e) {
                if (System.getenv("RAYLENS_FUZZ_DUMP") != null) {
                    java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("RAYLENS_FUZZ_DUMP"), "slow-" + i
                            + ".bin"), input);
                }
                failures.add(seed.name() + " #" + i + ": took over " + TIMEOUT_MS + " ms");
                break; // the stuck thread cannot be stopped; report rather than pile up more
            }
            int[] counts = perSeed.computeIfAbsent(seed.name(), k -> new int[2]);
            if (o.decoded()) {
                decoded++;
                counts[0]++;
            } else if (o.error() instanceof PixelDataException || o.error() instanceof UnsupportedTransferSyntaxException) {
                typed++;
                counts[1]++;
            } else {
                failures.add(seed.name() + " #" + i + ": " + o.error());
            }
            if (o.allocated() > seed.budget() && System.getenv("RAYLENS_FUZZ_DUMP") != null) {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getenv("RAYLENS_FUZZ_DUMP"), "alloc-" + i + ".bin"),
                        input);
            }
            if (o.allocated() > seed.budget()) {
                failures.add(seed.name() + " #" + i + ": allocated " + o.allocated() + " bytes, budget "
                        + seed.budget());
            }
        }
        System.out.printf("codec fuzz: %d inputs, %d decoded, %d typed errors, %d failures%n", iterations, decoded,
                typed, failures.size());
        perSeed.forEach((name, c) -> System.out.printf("  %-48s %7d decoded %7d typed errors%n", name, c[0], c[1]));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    /**
     * Seeds the conformance files lack: JPEG-LS colour in line and sample interleave (run mode across components),
     * near-lossless 12-bit, RLE colour (made with dcmtk when installed), and lossless JPEG with restart markers
     * and a point transform (made by the test encoder).
     */
    private List<Seed> syntheticSeeds() throws Exception {
        List<Seed> seeds = new ArrayList<>();
        PixelDescription rgb = new PixelDescription(48, 64, 1, 3, 8, 8, 7, false, "RGB", 0);
        PixelDescription grey12 = new PixelDescription(48, 64, 1, 1, 16, 12, 11, false, "MONOCHROME2", 0);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("codec-fuzz");
        try {
            if (ExternalTools.available("dcmcjpls") && ExternalTools.available("dcmcrle")) {
                seeds.add(made(dir, "jls-rgb-line", rgb, TransferSyntaxes.JLS, "dcmcjpls", "+el", "+il"));
                seeds.add(made(dir, "jls-rgb-sample", rgb, TransferSyntaxes.JLS, "dcmcjpls", "+el", "+is"));
                seeds.add(made(dir, "jls-near-12", grey12, TransferSyntaxes.JLS_NEAR, "dcmcjpls", "+en", "+md", "3"));
                seeds.add(made(dir, "rle-rgb", rgb, TransferSyntaxes.RLE, "dcmcrle"));
            }
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path p : files.toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
            java.nio.file.Files.delete(dir);
        }
        int[] samples = SyntheticImages.make(48, 64, 1, 12, 9);
        for (int i = 0; i < samples.length; i++) {
            samples[i] &= ~1;
        }
        byte[] ljpeg = new LosslessJpegTestEncoder().encode(samples, 48, 64, 1, 12, 6, 1, 5);
        seeds.add(seed("ljpeg-restart-pt", TransferSyntaxes.JPEG_LL, grey12, ljpeg));
        return seeds;
    }

    /** UIDs used by the synthetic seeds. */
    private static final class TransferSyntaxes {
        static final String JLS = org.raylens.viewer.dicom.TransferSyntax.JPEG_LS_LOSSLESS;
        static final String JLS_NEAR = org.raylens.viewer.dicom.TransferSyntax.JPEG_LS_NEAR_LOSSLESS;
        static final String RLE = org.raylens.viewer.dicom.TransferSyntax.RLE_LOSSLESS;
        static final String JPEG_LL = org.raylens.viewer.dicom.TransferSyntax.JPEG_LOSSLESS;
    }

    private Seed made(java.nio.file.Path dir, String name, PixelDescription d, String syntax, String... command)
            throws Exception {
        java.nio.file.Path in = dir.resolve(name + "-in.dcm");
        java.nio.file.Path out = dir.resolve(name + ".dcm");
        int[] samples = SyntheticImages.make(d.rows(), d.columns(), d.samplesPerPixel(), d.bitsStored(), 5);
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(samples, d.bitsAllocated()));
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(in.toString());
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(String[]::new));
        return seed(name, syntax, d, TestDicom.encapsulated(out).frame(0, 1));
    }

    private Seed seed(String name, String syntax, PixelDescription d, byte[] frame) throws Exception {
        PixelCodec codec = CodecsOnRealFiles.codecFor(syntax);
        run(codec, frame, d, syntax);
        Outcome clean = run(codec, frame, d, syntax);
        assertTrue(clean.decoded(), name + " must decode cleanly: " + clean.error());
        return new Seed(name, syntax, d, frame, 4 * clean.allocated() + 8L * d.samplesPerFrame() * 4 + (16 << 20));
    }

    private Outcome run(PixelCodec codec, byte[] input, PixelDescription d, String syntax) throws Exception {
        Future<Outcome> f = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            try {
                int[] out = codec.decode(input, d, syntax);
                long used = mx.getThreadAllocatedBytes(id) - before;
                if (out.length != d.samplesPerFrame()) {
                    return new Outcome(false, new AssertionError("wrong sample count " + out.length), used);
                }
                return new Outcome(true, null, used);
            } catch (Throwable t) {
                return new Outcome(false, t, mx.getThreadAllocatedBytes(id) - before);
            }
        });
        try {
            return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }
}
