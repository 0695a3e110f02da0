package org.raylens.inference.weights.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.raylens.inference.testsupport.SharedData;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the checkpoint reader, in the style of the DICOM reader's fuzz test. Seeds are the fixture
 * checkpoints and, when ../shared is present, the real EVA-X-Ti .pth (22 MB, held once in memory). Two families of
 * mutation: raw bytes of the whole file (flips, truncation, random runs, inserted and deleted bytes, zip size and
 * offset fields set to huge values) and mutations of the pickle itself (flips, opcode swaps, huge length and
 * integer fields, cuts) with the zip's CRC-32 patched so the pickle machine, not the CRC check, meets them. Each
 * input is opened under both policies in turn, its state dict taken and every tensor up to 64 Ki elements read, on
 * a worker thread: within 2 s it must finish or throw a {@link TorchCheckpointException}; any other throwable
 * (OutOfMemoryError included) fails, and so does allocating more than 4 × the input's size + 1 MB.
 *
 * <p>{@code -Draylens.fuzz.iterations=N} sets the number of inputs (default 3000; {@code mvn -Pfuzz} runs 100 000).
 * Seeded and reproducible: a failure names the seed, iteration and mutation.
 */
class TorchCheckpointFuzzTest {
    private static final long TIME_LIMIT_MS = 2000;
    private static final List<String> FIXTURES = List.of("tiny_training.pt", "tiny_bigendian.pt", "tiny_bare.pt",
            "posix_system_in_args.pt", "namespace_in_weights.pt", "pickled_object.pt");
    private static final int[] OPCODES = {'(', '.', '0', '1', '2', 'G', 'J', 'K', 'M', 'N', 'Q', 'R', 'T', 'U', 'X',
        'a', 'b', 'c', 'd', '}', 'e', 'h', 'j', 'l', ']', 'q', 'r', 's', 't', ')', 'u', 0x80, 0x81, 0x85, 0x86, 0x87,
        0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x92, 0x93, 0x94, 0x95, 'B', 'C', 0xff};
    private static final long[] HUGE = {0xFFFFFFFFL, 0x7FFFFFFFL, 0x80000000L, 0x7FFFFFF8L, 1L << 20, 0, 1, 0xFFFFL};

    /** A seed checkpoint: its bytes, its entries (small seeds only) and where its data.pkl lies. */
    private record Seed(String name, byte[] bytes, Map<String, byte[]> entries, String archive, int pickleAt,
                        int pickleLength, List<Integer> centralCrcFields) {
        boolean small() {
            return entries != null;
        }
    }

    private record Outcome(Throwable thrown, long allocated) {
    }

    @Test
    void mutatedCheckpointsFailOnlyWithTypedErrorsQuicklyAndWithinMemory() throws Exception {
        int iterations = Integer.getInteger("raylens.fuzz.iterations", 3000);
        List<Seed> seeds = loadSeeds();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService worker = newWorker();
        try {
            for (Seed seed : seeds) { // warm up: class loading is not the reader's allocation
                worker.submit(() -> parse(seed.bytes(), UnpicklePolicy.INERT_OUTSIDE_WEIGHTS, threads)).get();
            }
            List<Seed> small = seeds.stream().filter(Seed::small).toList();
            Seed large = seeds.stream().filter(s -> !s.small()).findFirst().orElse(null);
            for (int i = 0; i < iterations && failures.size() < 20; i++) {
                // the 22 MB seed costs a copy per input, so it takes one input in eight
                Seed seed = large != null && i % 8 == 7 ? large : small.get(i % small.size());
                Random random = new Random(0x70C4_0000L + i);
                StringBuilder what = new StringBuilder();
                byte[] input = random.nextInt(5) < 2 ? mutatePickle(seed, random, what) : mutateRaw(seed, random, what);
                UnpicklePolicy policy = i % 2 == 0 ? UnpicklePolicy.INERT_OUTSIDE_WEIGHTS : UnpicklePolicy.STRICT;
                long limit = 4L * input.length + (1 << 20);
                Future<Outcome> future = worker.submit(() -> parse(input, policy, threads));
                Outcome outcome;
                try {
                    outcome = future.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    future.cancel(true);
                    failures.add(describe(seed, i, what) + ": took over " + TIME_LIMIT_MS + " ms");
                    worker.shutdownNow();
                    worker = newWorker();
                    continue;
                }
                String kind = outcome.thrown() == null ? "read" : outcome.thrown().getClass().getSimpleName();
                counts.merge(kind, 1, Integer::sum);
                if (outcome.thrown() != null && !(outcome.thrown() instanceof TorchCheckpointException)) {
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
        System.out.printf("TorchCheckpointFuzzTest: %d inputs from %d seeds; outcomes %s%n", iterations, seeds.size(),
                counts);
        assertEquals(List.of(), failures);
    }

    private static Outcome parse(byte[] input, UnpicklePolicy policy, com.sun.management.ThreadMXBean threads) {
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try (TorchCheckpoint c = TorchCheckpoint.read(Path.of("fuzz.pt"), CheckpointBytes.of(input), policy)) {
            c.topLevelKeys();
            TorchStateDict sd = c.stateDict();
            for (TorchTensorInfo t : sd.tensors().values()) {
                if (t.elementCount() <= 1 << 16) {
                    if (t.dtype().isFloatingPoint()) {
                        sd.readFloats(t.name());
                    } else {
                        sd.readLongs(t.name());
                    }
                }
            }
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(thrown, threads.getCurrentThreadAllocatedBytes() - before);
    }

    /** Mutates data.pkl and patches its CRC, so the pickle machine sees the damage. */
    private static byte[] mutatePickle(Seed seed, Random random, StringBuilder what) throws Exception {
        byte[] pkl = java.util.Arrays.copyOfRange(seed.bytes(), seed.pickleAt(), seed.pickleAt() + seed.pickleLength());
        int kind = random.nextInt(seed.small() ? 6 : 4);
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                what.append("pickle: flip ").append(flips).append(" bits");
                for (int k = 0; k < flips; k++) {
                    pkl[random.nextInt(pkl.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int at = random.nextInt(pkl.length);
                int op = OPCODES[random.nextInt(OPCODES.length)];
                what.append("pickle: opcode 0x").append(Integer.toHexString(op)).append(" at ").append(at);
                pkl[at] = (byte) op;
            }
            case 2 -> {
                int at = random.nextInt(Math.max(1, pkl.length - 4));
                long v = HUGE[random.nextInt(HUGE.length)];
                what.append("pickle: 32-bit ").append(v).append(" at ").append(at);
                for (int k = 0; k < 4 && at + k < pkl.length; k++) {
                    pkl[at + k] = (byte) (v >>> (8 * k));
                }
            }
            case 3 -> {
                int at = random.nextInt(pkl.length);
                int run = Math.min(pkl.length - at, 1 + random.nextInt(16));
                what.append("pickle: random run of ").append(run).append(" at ").append(at);
                for (int k = 0; k < run; k++) {
                    pkl[at + k] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                int cut = random.nextInt(pkl.length);
                what.append("pickle: cut at ").append(cut);
                pkl = java.util.Arrays.copyOf(pkl, cut);
            }
            default -> {
                int at = random.nextInt(pkl.length);
                int count = 1 + random.nextInt(8);
                what.append("pickle: insert ").append(count).append(" opcodes at ").append(at);
                byte[] out = new byte[pkl.length + count];
                System.arraycopy(pkl, 0, out, 0, at);
                for (int k = 0; k < count; k++) {
                    out[at + k] = (byte) OPCODES[random.nextInt(OPCODES.length)];
                }
                System.arraycopy(pkl, at, out, at + count, pkl.length - at);
                pkl = out;
            }
        }
        if (pkl.length != seed.pickleLength()) { // small seeds only: write the zip again around the new pickle
            Map<String, byte[]> entries = new LinkedHashMap<>(seed.entries());
            entries.put("data.pkl", pkl);
            return CraftedCheckpoints.zip(seed.archive(), entries);
        }
        byte[] b = seed.bytes().clone();
        System.arraycopy(pkl, 0, b, seed.pickleAt(), pkl.length);
        CRC32 crc = new CRC32();
        crc.update(pkl);
        for (int field : seed.centralCrcFields()) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(field, (int) crc.getValue());
        }
        return b;
    }

    /** Mutates the file's raw bytes; for the large seed, only near the pickle, the directory and the end. */
    private static byte[] mutateRaw(Seed seed, Random random, StringBuilder what) {
        byte[] b = seed.bytes().clone();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                what.append("flip ").append(flips).append(" bits");
                for (int k = 0; k < flips; k++) {
                    b[at(seed, random, b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int cut = random.nextInt(b.length);
                what.append("truncate at ").append(cut);
                b = java.util.Arrays.copyOf(b, cut);
            }
            case 2 -> {
                List<Integer> fields = zipFields(b);
                int field = fields.get(random.nextInt(fields.size()));
                long v = HUGE[random.nextInt(HUGE.length)];
                what.append("zip field at ").append(field).append(" = ").append(v);
                for (int k = 0; k < 4; k++) {
                    b[field + k] = (byte) (v >>> (8 * k));
                }
            }
            case 3 -> {
                int at = at(seed, random, b.length);
                int run = Math.min(b.length - at, 1 + random.nextInt(64));
                what.append("random run of ").append(run).append(" at ").append(at);
                for (int k = 0; k < run; k++) {
                    b[at + k] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                int at = at(seed, random, b.length);
                int count = 1 + random.nextInt(16);
                what.append("delete ").append(count).append(" at ").append(at);
                int end = Math.min(b.length, at + count);
                byte[] out = new byte[b.length - (end - at)];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, end, out, at, b.length - end);
                b = out;
            }
            default -> {
                int at = at(seed, random, b.length);
                int count = 1 + random.nextInt(16);
                what.append("insert ").append(count).append(" at ").append(at);
                byte[] out = new byte[b.length + count];
                System.arraycopy(b, 0, out, 0, at);
                for (int k = 0; k < count; k++) {
                    out[at + k] = (byte) random.nextInt(256);
                }
                System.arraycopy(b, at, out, at + count, b.length - at);
                b = out;
            }
        }
        return b;
    }

    /** A position to damage: anywhere in a small seed; in the large one, its first or last 64 KiB. */
    private static int at(Seed seed, Random random, int length) {
        if (seed.small() || length < 1 << 17) {
            return random.nextInt(length);
        }
        int near = random.nextInt(1 << 16);
        return random.nextBoolean() ? near : length - 1 - near;
    }

    /** Offsets of the 4-byte size, offset and CRC fields of the zip's central and end records. */
    private static List<Integer> zipFields(byte[] b) {
        List<Integer> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = Math.max(0, b.length - (1 << 16)); p + 46 <= b.length; p++) {
            int sig = buf.getInt(p);
            if (sig == 0x02014b50) {
                out.addAll(List.of(p + 16, p + 20, p + 24, p + 42));
            } else if (sig == 0x06054b50 && p + 22 <= b.length) {
                out.addAll(List.of(p + 8, p + 12, p + 16));
            }
        }
        for (int p = 0; p + 30 <= Math.min(b.length, 1 << 16); p++) {
            if (buf.getInt(p) == 0x04034b50) {
                out.add(p + 26); // name and extra lengths of a local header
            }
        }
        if (out.isEmpty()) {
            out.add(0);
        }
        return out;
    }

    private static List<Seed> loadSeeds() throws Exception {
        List<Seed> seeds = new ArrayList<>();
        for (String f : FIXTURES) {
            byte[] bytes = Files.readAllBytes(TorchCheckpointFixturesTest.fixture(f));
            seeds.add(seed(f, bytes, true));
        }
        var evax = SharedData.golden().map(g -> g.resolve("evax/evax_tiny/weights/evax_tiny.pth"))
                .filter(Files::isRegularFile);
        if (evax.isPresent()) {
            seeds.add(seed("evax_tiny.pth", Files.readAllBytes(evax.get()), false));
        } else {
            System.out.println("TorchCheckpointFuzzTest: ../shared/golden/evax absent; fuzzing the fixtures only");
        }
        return seeds;
    }

    private static Seed seed(String name, byte[] bytes, boolean small) throws Exception {
        Map<String, byte[]> entries = null;
        String archive = null;
        if (small) {
            entries = new LinkedHashMap<>();
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    int slash = e.getName().indexOf('/');
                    archive = e.getName().substring(0, slash);
                    entries.put(e.getName().substring(slash + 1), z.readAllBytes());
                }
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pickleAt = -1;
        int pickleLength = -1;
        List<Integer> crcFields = new ArrayList<>();
        for (int p = 0; p + 46 <= bytes.length; p++) {
            int sig = buf.getInt(p);
            if (sig == 0x04034b50 && pickleAt < 0 && nameAt(bytes, p + 30, buf.getShort(p + 26)).endsWith("/data.pkl")) {
                pickleAt = p + 30 + (buf.getShort(p + 26) & 0xffff) + (buf.getShort(p + 28) & 0xffff);
                crcFields.add(p + 14); // torch leaves it 0 and writes a data descriptor; patched all the same
            } else if (sig == 0x02014b50 && nameAt(bytes, p + 46, buf.getShort(p + 28)).endsWith("/data.pkl")) {
                pickleLength = buf.getInt(p + 24); // sizes from the central record: torch's local headers hold 0
                crcFields.add(p + 16);
            }
        }
        assertTrue(pickleAt > 0 && pickleLength > 0 && crcFields.size() == 2, name + ": data.pkl not found");
        return new Seed(name, bytes, entries, archive, pickleAt, pickleLength, crcFields);
    }

    private static String nameAt(byte[] b, int at, short length) {
        int n = length & 0xffff;
        return at + n <= b.length ? new String(b, at, n, StandardCharsets.UTF_8) : "";
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "torch-checkpoint-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static String describe(Seed seed, int iteration, StringBuilder what) {
        return seed.name() + " #" + iteration + " [" + what + "]";
    }

    private static String stackHead(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int i = 0; i < Math.min(8, trace.length); i++) {
            sb.append("\n    at ").append(trace[i]);
        }
        return sb.toString();
    }
}
