package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the reader with real files as seeds: bit flips, truncations, length fields set to huge or
 * undefined values, random byte runs, inserted and deleted bytes, and {@link StructureMutator}'s rewrites of the
 * image size values and the encapsulated item structure. Each mutated input is parsed in full (not header
 * only) on a worker thread and must, within 2 s, either read or fail with a {@link DicomException}; any other
 * throwable (OutOfMemoryError included) fails the test, and so does allocating more than 4 × the input's size
 * + 1 MB on the parsing thread (the inflated size stands in for the file size of deflated inputs).
 *
 * <p>{@code -Draylens.fuzz.iterations=N} sets the number of inputs (default 3000; {@code mvn -Pfuzz} runs 100 000).
 * The run is seeded and reproducible: a failure names the seed file, iteration and mutation.
 */
class DicomFuzzTest {
    private static final long MAX_SEED_BYTES = 600_000;
    private static final long TIME_LIMIT_MS = 2000;

    private record Seed(String name, byte[] bytes, List<Integer> lengthFields) {}

    private record Outcome(Throwable thrown, long allocated) {}

    @Test
    void mutatedRealFilesFailOnlyWithTypedErrorsQuicklyAndWithinMemory() throws Exception {
        int iterations = Integer.getInteger("raylens.fuzz.iterations", 3000);
        List<Seed> seeds = loadSeeds();
        assertTrue(seeds.size() >= 10, "too few seed files: " + seeds.size());
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);

        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService worker = newWorker();
        try {
            // Warm up on the unmutated seeds so one-time costs (class loading, the dictionary) are not counted.
            for (Seed seed : seeds) {
                worker.submit(() -> parse(seed.bytes(), threads)).get();
            }
            for (int i = 0; i < iterations && failures.size() < 20; i++) {
                Seed seed = seeds.get(i % seeds.size());
                Random random = new Random(0x5EED_0000L + i);
                StringBuilder what = new StringBuilder();
                byte[] input = mutate(seed, random, what);
                long limit = 4L * Math.max(input.length, inflatedSize(input)) + (1 << 20);
                Future<Outcome> future = worker.submit(() -> parse(input, threads));
                Outcome outcome;
                try {
                    outcome = future.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    failures.add(describe(seed, i, what) + ": parse took over " + TIME_LIMIT_MS + " ms");
                    worker.shutdownNow();
                    worker = newWorker();
                    continue;
                }
                String kind = outcome.thrown() == null ? "read" : outcome.thrown().getClass().getSimpleName();
                counts.merge(kind, 1, Integer::sum);
                if (outcome.thrown() != null && !(outcome.thrown() instanceof DicomException)) {
                    failures.add(describe(seed, i, what) + ": " + stackHead(outcome.thrown()));
                }
                if (outcome.allocated() > limit) {
                    failures.add(describe(seed, i, what) + ": allocated " + outcome.allocated() + " bytes for a "
                            + input.length + "-byte input (limit " + limit + ")");
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("DicomFuzzTest: %d inputs from %d seed files; outcomes %s%n", iterations, seeds.size(),
                counts);
        assertEquals(List.of(), failures);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dicom-fuzz-parser");
            t.setDaemon(true);
            return t;
        });
    }

    private static Outcome parse(byte[] input, com.sun.management.ThreadMXBean threads) {
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try (DicomFile file = DicomReader.read(new MemoryByteSource(input), Path.of("fuzz.dcm"), false)) {
            file.dataset().size();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(thrown, threads.getCurrentThreadAllocatedBytes() - before);
    }

    private static String describe(Seed seed, int iteration, StringBuilder what) {
        return seed.name() + " #" + iteration + " [" + what + "]";
    }

    private static String stackHead(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            sb.append("\n    at ").append(trace[i]);
        }
        return sb.toString();
    }

    private static List<Seed> loadSeeds() throws Exception {
        Path folder = ConformanceData.folder();
        List<Seed> seeds = new ArrayList<>();
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            Path file = folder.resolve(row.path());
            if (Files.isRegularFile(file) && Files.size(file) <= MAX_SEED_BYTES) {
                byte[] bytes = Files.readAllBytes(file);
                seeds.add(new Seed(row.path(), bytes, lengthFieldCandidates(bytes)));
            }
        }
        return seeds;
    }

    /**
     * Offsets that look like explicit-VR length fields (an even offset followed by two VR letters) or implicit ones
     * (4 bytes after a tag in a low group): where "length set to a huge value" mutations aim.
     */
    private static List<Integer> lengthFieldCandidates(byte[] b) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p + 12 <= b.length; p += 2) {
            VR vr = VR.fromCode(b[p + 4] & 0xFF, b[p + 5] & 0xFF);
            if (vr != null) {
                out.add(vr.hasLongHeader() ? -(p + 8) - 1 : p + 6); // negative: a 4-byte field
            } else if ((b[p] & 1) == 0 && b[p + 1] == 0 && (b[p + 2] | b[p + 3]) != 0 && p % 4 == 0) {
                out.add(-(p + 4) - 1);
            }
        }
        return out;
    }

    static byte[] mutate(Seed seed, Random random, StringBuilder what) {
        byte[] b = seed.bytes().clone();
        int kind = random.nextInt(9);
        if (kind >= 7) {
            byte[] structural = StructureMutator.mutate(b, random, what);
            if (structural != null) {
                return structural;
            }
            kind = 0;
        }
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                what.append("flip ").append(flips).append(" bits");
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int cut = random.nextInt(b.length);
                what.append("truncate at ").append(cut);
                b = java.util.Arrays.copyOf(b, cut);
            }
            case 2, 3 -> {
                List<Integer> fields = seed.lengthFields();
                if (fields.isEmpty()) {
                    what.append("no length fields");
                    break;
                }
                int field = fields.get(random.nextInt(fields.size()));
                long[] values = {0xFFFFFFFFL, 0xFFFFFFFEL, 0x7FFFFFFFL, 0x80000000L, 0x7FFFFFF8L, 1L << 20,
                        random.nextInt() & 0xFFFFFFFFL, 0, 1, 3};
                long value = values[random.nextInt(values.length)];
                if (field >= 0) {
                    what.append("16-bit length at ").append(field).append(" = ").append(value & 0xFFFF);
                    b[field] = (byte) value;
                    b[field + 1] = (byte) (value >>> 8);
                } else {
                    int at = -field - 1;
                    what.append("32-bit length at ").append(at).append(" = ").append(value);
                    for (int i = 0; i < 4; i++) {
                        b[at + i] = (byte) (value >>> (8 * i));
                    }
                }
            }
            case 4 -> {
                int at = random.nextInt(b.length);
                int run = Math.min(b.length - at, 1 + random.nextInt(64));
                what.append("random run of ").append(run).append(" at ").append(at);
                for (int i = 0; i < run; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
            }
            case 5 -> {
                int at = random.nextInt(b.length);
                int count = 1 + random.nextInt(16);
                what.append("delete ").append(count).append(" at ").append(at);
                int end = Math.min(b.length, at + count);
                byte[] out = new byte[b.length - (end - at)];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, end, out, at, b.length - end);
                b = out;
            }
            default -> {
                int at = random.nextInt(b.length + 1);
                int count = 1 + random.nextInt(16);
                what.append("insert ").append(count).append(" at ").append(at);
                byte[] out = new byte[b.length + count];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < count; i++) {
                    out[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(b, at, out, at + count, b.length - at);
                b = out;
            }
        }
        return b;
    }

    /**
     * The size the input would inflate to if it is a deflated file (0 otherwise): the honest "file size" for the
     * allocation bound, since the reader must hold the inflated dataset. Counted here, outside the parsing thread.
     */
    private static long inflatedSize(byte[] input) {
        String text = new String(input, 0, Math.min(input.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        int ts = text.indexOf(TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
        if (ts < 0) {
            return 0;
        }
        long total = 0;
        // Try every start after the meta group's transfer syntax; the largest plausible inflation bounds the reader.
        for (int start = ts; start < Math.min(input.length, ts + 2048); start++) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(input, start, input.length - start);
                byte[] scratch = new byte[65536];
                long n = 0;
                while (!inflater.finished() && n <= DicomReader.MAX_INFLATED_BYTES) {
                    int k = inflater.inflate(scratch);
                    if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += k;
                }
                total = Math.max(total, n);
            } catch (java.util.zip.DataFormatException notHere) {
                // Not the start of the deflated stream; try the next byte.
            } finally {
                inflater.end();
            }
        }
        return total;
    }
}
