package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.MemoryByteSource;
import org.raylens.viewer.dicom.StructureMutator;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;

/**
 * Mutation fuzzing of pixel decoding and display, aimed at the image attributes: real uncompressed and compressed
 * files with their (0028,xxxx) US values (rows, columns, bits, high bit, representation, planar configuration...)
 * set to hostile values, Number of Frames and LUT descriptors rewritten, the encapsulated item structure rewritten
 * ({@link StructureMutator}: fragment counts and lengths, offset tables, stray delimiters, trailing bytes), bits
 * flipped and files truncated. Each input is opened, its first and last frames decoded and rendered; within 2 s it
 * must succeed or fail with a {@link DicomException}, allocating at most 40 × the input size + 8 MB on the worker
 * thread (1-bit data legitimately decodes to 32 bytes of int per input byte), or for compressed seeds 4 × what the
 * clean file needs + 16 MB. {@code -Draylens.fuzz.iterations=N} sets the count (default 2000; {@code mvn -Pfuzz}
 * runs 100 000 at -Xmx256m, where any decode sized by an unchecked header value would end in OutOfMemoryError).
 */
class PixelFuzzTest {
    private static final long MAX_SEED_BYTES = 600_000;
    private static final long TIME_LIMIT_MS = 2000;
    private static final int[] HOSTILE_US = {0, 1, 2, 3, 4, 7, 8, 9, 11, 12, 15, 16, 17, 24, 31, 32, 33, 64, 255,
        0x7FFF, 0x8000, 0xFFFE, 0xFFFF};

    /** Compressed seeds are kept small so 100 000 decodes finish in reasonable time. */
    private static final long MAX_COMPRESSED_SEED_BYTES = 160_000;

    private record Seed(String name, byte[] bytes, List<Integer> imageUsValues, List<Integer> textValues,
            long budget) {}

    private record Outcome(Throwable thrown, long allocated) {}

    @Test
    void mutatedImageAttributesFailOnlyWithTypedErrorsQuicklyAndWithinMemory() throws Exception {
        int iterations = Integer.getInteger("raylens.fuzz.iterations", 2000);
        PixelCodecRegistry codecs = PixelCodecRegistry.fromServiceLoader();
        List<Seed> seeds = loadSeeds(codecs);
        assertTrue(seeds.size() >= 5, "too few seed files: " + seeds.size());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService worker = newWorker();
        try {
            for (int s = 0; s < seeds.size(); s++) {
                Seed seed = seeds.get(s);
                worker.submit(() -> decode(seed.bytes(), codecs, threads)).get();
                Outcome clean = worker.submit(() -> decode(seed.bytes(), codecs, threads)).get();
                assertEquals(null, clean.thrown(), seed.name() + " must decode cleanly");
                long budget = Math.max(40L * seed.bytes().length + (8 << 20), 4 * clean.allocated() + (16 << 20));
                seeds.set(s, new Seed(seed.name(), seed.bytes(), seed.imageUsValues(), seed.textValues(), budget));
            }
            for (int i = 0; i < iterations && failures.size() < 20; i++) {
                Seed seed = seeds.get(i % seeds.size());
                Random random = new Random(0xF1C5_0000L + i);
                StringBuilder what = new StringBuilder();
                byte[] input = mutate(seed, random, what);
                long limit = Math.max(40L * input.length + (8 << 20), seed.budget());
                Future<Outcome> future = worker.submit(() -> decode(input, codecs, threads));
                Outcome outcome;
                try {
                    outcome = future.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    failures.add(seed.name() + " #" + i + " [" + what + "]: took over " + TIME_LIMIT_MS + " ms");
                    worker.shutdownNow();
                    worker = newWorker();
                    continue;
                }
                counts.merge(outcome.thrown() == null ? "decoded" : outcome.thrown().getClass().getSimpleName(), 1,
                        Integer::sum);
                if (outcome.thrown() != null && !(outcome.thrown() instanceof DicomException)) {
                    failures.add(seed.name() + " #" + i + " [" + what + "]: " + head(outcome.thrown()));
                }
                if (outcome.allocated() > limit) {
                    failures.add(seed.name() + " #" + i + " [" + what + "]: allocated " + outcome.allocated()
                            + " bytes for " + input.length + " input bytes");
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("PixelFuzzTest: %d inputs from %d seeds; outcomes %s%n", iterations, seeds.size(), counts);
        assertEquals(List.of(), failures);
    }

    private static Outcome decode(byte[] input, PixelCodecRegistry codecs, com.sun.management.ThreadMXBean threads) {
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try (DicomFile file = DicomReader.read(new MemoryByteSource(input), Path.of("fuzz.dcm"), false)) {
            DicomPixels pixels = DicomPixels.open(file, codecs);
            DicomImageFactory factory = DicomImageFactory.of(pixels, file.dataset());
            int[] dst = new int[64 * 48];
            for (int frame : new int[] {0, pixels.frameCount() - 1}) {
                DisplayableImage image = factory.frame(frame);
                image.render(image.defaultWindow(), true, ViewTransform.zoomPan(0.3, 0, 0), dst, 64, 48, 0);
                image.modalityValue(image.width() - 1, image.height() - 1);
            }
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(thrown, threads.getCurrentThreadAllocatedBytes() - before);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pixel-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static String head(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            sb.append("\n    at ").append(trace[i]);
        }
        return sb.toString();
    }

    /** Seeds must open and render unmutated (a few conformance files use syntaxes no codec here reads). */
    private static boolean decodesCleanly(Path file, PixelCodecRegistry codecs) throws Exception {
        return decode(Files.readAllBytes(file), codecs,
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).thrown() == null;
    }

    private static List<Seed> loadSeeds(PixelCodecRegistry codecs) throws Exception {
        Path folder = ConformanceData.folder();
        List<Seed> seeds = new ArrayList<>();
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            Path file = folder.resolve(row.path());
            boolean uncompressed = row.get("transfer_syntax_uid").matches("1\\.2\\.840\\.10008\\.1\\.2(\\.1|\\.2)?");
            long maxBytes = uncompressed ? MAX_SEED_BYTES : MAX_COMPRESSED_SEED_BYTES;
            if (row.get("pydicom_decoded").equals("Y") && Files.size(file) <= maxBytes
                    && !row.path().startsWith("dicomdir/98892") && decodesCleanly(file, codecs)) {
                byte[] bytes = Files.readAllBytes(file);
                seeds.add(new Seed(row.path(), bytes, explicitValues(bytes, "US"), explicitValues(bytes, "IS"), 0));
            }
        }
        return seeds;
    }

    /** Value offsets of explicit-VR little-endian elements of a VR in groups 0028 (image pixel and LUTs). */
    private static List<Integer> explicitValues(byte[] b, String vr) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p + 8 <= b.length; p++) {
            if (b[p] == 0x28 && b[p + 1] == 0 && b[p + 4] == vr.charAt(0) && b[p + 5] == vr.charAt(1)) {
                out.add(p + 8);
            }
        }
        return out;
    }

    private static byte[] mutate(Seed seed, Random random, StringBuilder what) {
        byte[] b = seed.bytes().clone();
        int kind = random.nextInt(7);
        if (kind >= 5) {
            byte[] structural = StructureMutator.mutate(b, random, what);
            if (structural != null) {
                return structural;
            }
            kind = 4;
        }
        if ((kind == 0 || kind == 1) && !seed.imageUsValues().isEmpty()) {
            int mutations = kind == 0 ? 1 : 2 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                int at = seed.imageUsValues().get(random.nextInt(seed.imageUsValues().size()));
                int value = HOSTILE_US[random.nextInt(HOSTILE_US.length)];
                what.append("US at ").append(at).append(" = ").append(value).append("; ");
                if (at + 1 < b.length) {
                    b[at] = (byte) value;
                    b[at + 1] = (byte) (value >> 8);
                }
            }
        } else if (kind == 2 && !seed.textValues().isEmpty()) {
            int at = seed.textValues().get(random.nextInt(seed.textValues().size()));
            String[] texts = {"0 ", "-1", "99", "1A", "  "};
            String t = texts[random.nextInt(texts.length)];
            what.append("IS at ").append(at).append(" = '").append(t).append("'");
            if (at + 1 < b.length) {
                b[at] = (byte) t.charAt(0);
                b[at + 1] = (byte) t.charAt(1);
            }
        } else if (kind == 3) {
            int cut = random.nextInt(b.length);
            what.append("truncate at ").append(cut);
            b = Arrays.copyOf(b, cut);
        } else {
            int flips = 1 + random.nextInt(8);
            what.append("flip ").append(flips).append(" bits");
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return b;
    }
}
