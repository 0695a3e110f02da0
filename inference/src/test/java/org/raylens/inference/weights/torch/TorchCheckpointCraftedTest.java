package org.raylens.inference.weights.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raylens.inference.weights.torch.CraftedCheckpoints.checkpoint;
import static org.raylens.inference.weights.torch.CraftedCheckpoints.floats;
import static org.raylens.inference.weights.torch.CraftedCheckpoints.open;

import org.raylens.inference.weights.torch.CraftedCheckpoints.Pickle;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hand-written pickles and zips, one defect each: every one must end in its own typed
 * {@link TorchCheckpointException}, never another throwable.
 */
class TorchCheckpointCraftedTest {
    private static final Map<String, byte[]> FOUR_FLOATS = Map.of("0", floats(1, 2, 3, 4));

    /** {"w": tensor(storage "0" of 4 floats, offset, size, stride)} */
    private static byte[] oneTensor(int numel, int offset, int[] size, int[] stride, Map<String, byte[]> storages)
            throws Exception {
        Pickle p = new Pickle().op('}').str("w").tensor("0", numel, offset, size, stride).op('s');
        return checkpoint(p.stop(), storages);
    }

    private static <T extends Throwable> T refused(Class<T> type, byte[] checkpoint) {
        return assertThrows(type, () -> {
            try (TorchCheckpoint c = open(checkpoint)) {
                TorchStateDict sd = c.stateDict();
                for (String n : sd.names()) {
                    sd.readFloats(n);
                }
            }
        });
    }

    @Test
    void wellFormedCraftedCheckpointReads() throws Exception {
        try (TorchCheckpoint c = open(oneTensor(4, 1, new int[] {3}, new int[] {1}, FOUR_FLOATS))) {
            assertArrayEquals(new float[] {2, 3, 4}, c.stateDict().readFloats("w"));
        }
    }

    @Test
    void orderedDictCalledWithBadArgumentsIsAMalformedPickle() throws Exception {
        byte[] pkl = new Pickle().global("collections", "OrderedDict").int1(5).op(0x85).op('R').stop();
        var e = refused(TorchCheckpointException.BadPickle.class, checkpoint(pkl, Map.of()));
        assertTrue(e.getMessage().contains("collections.OrderedDict"), e.getMessage());
        byte[] notPairs = new Pickle().global("collections", "OrderedDict").op(']').int1(1).op('a').op(0x85).op('R')
                .stop();
        refused(TorchCheckpointException.BadPickle.class, checkpoint(notPairs, Map.of()));
    }

    @Test
    void callingAStorageClassOrTheTensorFunctionWronglyIsRefused() throws Exception {
        byte[] callStorage = new Pickle().global("torch", "FloatStorage").op(')').op('R').stop();
        var e = refused(TorchCheckpointException.UnsafePickle.class, checkpoint(callStorage, Map.of()));
        assertEquals("torch.FloatStorage", e.global());
        byte[] badRebuild = new Pickle().global("torch._utils", "_rebuild_tensor_v2").str("x").op(0x85).op('R').stop();
        refused(TorchCheckpointException.BadPickle.class, checkpoint(badRebuild, Map.of()));
    }

    @Test
    void stackGlobalOfOsSystemIsRefusedAtReduce() throws Exception {
        byte[] pkl = new Pickle().str("os").str("system").op(0x93).str("id").op(0x85).op('R').stop();
        var e = refused(TorchCheckpointException.UnsafePickle.class, checkpoint(pkl, Map.of()));
        assertEquals("os.system", e.global());
    }

    @Test
    void buildOnATensorAndAppendsToAnInertObjectAreRefused() throws Exception {
        byte[] buildTensor = new Pickle().op('}').str("w").tensor("0", 4, 0, new int[] {4}, new int[] {1})
                .op('}').op('b').op('s').stop();
        refused(TorchCheckpointException.BadPickle.class, checkpoint(buildTensor, FOUR_FLOATS));
        byte[] appendInert = new Pickle().global("builtins", "list").op(')').op(0x81).int1(1).op('a').stop();
        var e = refused(TorchCheckpointException.UnsafePickle.class, checkpoint(appendInert, Map.of()));
        assertEquals("builtins.list", e.global());
    }

    @Test
    void malformedOpcodesAndLengthsAreTyped() throws Exception {
        assertBadPickle(new Pickle().op(0xff).stop());                     // unknown opcode
        assertBadPickle(new Pickle().op('I').raw('1', '\n').stop());       // protocol 0 text opcode
        assertBadPickle(new Pickle().op('h').raw(7).stop());               // memo index never stored
        assertBadPickle(new Pickle().op('R').stop());                      // stack underflow
        assertBadPickle(new Pickle().op('(').op('0').stop());              // POP of a MARK
        assertBadPickle(new Pickle().op(']').op(']').stop());              // two values at STOP
        assertBadPickle(new Pickle().op('}').op(']').int1(1).op('s').stop()); // unhashable key
        assertBadPickle(new Pickle().op(0x80).raw(9).stop());              // protocol 9
        refused(TorchCheckpointException.Truncated.class,
                checkpoint(new Pickle().op('X').le32(0x7fffffff).stop(), Map.of())); // string longer than the pickle
        refused(TorchCheckpointException.Truncated.class,
                checkpoint(new Pickle().op('}').bytes(), Map.of()));     // no STOP
        refused(TorchCheckpointException.Truncated.class,
                checkpoint(new Pickle().op('J').raw(1).bytes(), Map.of())); // argument cut short
    }

    private static void assertBadPickle(byte[] pkl) throws Exception {
        refused(TorchCheckpointException.BadPickle.class, checkpoint(pkl, Map.of()));
    }

    @Test
    void cyclicContainersOutsideTheWeightsAreHarmless() throws Exception {
        Pickle p = new Pickle().op('}').str("w").tensor("0", 4, 0, new int[] {4}, new int[] {1}).op('s')
                .str("loop").op(']').op('q').raw(200).op('h').raw(200).op('a').op('s'); // a list holding itself
        try (TorchCheckpoint c = open(checkpoint(p.stop(), FOUR_FLOATS))) {
            TorchStateDict sd = c.stateDict();
            assertEquals(java.util.List.of("loop"), sd.skippedEntries());
            assertArrayEquals(new float[] {1, 2, 3, 4}, sd.readFloats("w"));
        }
    }

    @Test
    void viewsPastTheirStorageAndSizesThatOverflowAreBadLayout() throws Exception {
        refused(TorchCheckpointException.BadLayout.class, oneTensor(4, 2, new int[] {3}, new int[] {1}, FOUR_FLOATS));
        refused(TorchCheckpointException.BadLayout.class, oneTensor(4, 0, new int[] {2, 2}, new int[] {3, 1},
                FOUR_FLOATS));
        refused(TorchCheckpointException.BadLayout.class, oneTensor(4, 0, new int[] {0x7fffffff, 0x7fffffff, 4},
                new int[] {0, 0, 1}, FOUR_FLOATS)); // inside the storage (stride 0), but 2^64 elements overflow
        refused(TorchCheckpointException.BadLayout.class, oneTensor(4, 0, new int[] {-1}, new int[] {1}, FOUR_FLOATS));
        refused(TorchCheckpointException.BadLayout.class, oneTensor(4, 0, new int[] {2}, new int[] {1, 1}, FOUR_FLOATS));
    }

    @Test
    void storageSizeMustMatchItsEntryAndTheEntryMustExist() throws Exception {
        var e = refused(TorchCheckpointException.BadLayout.class,
                oneTensor(0x7fffffff, 0, new int[] {4}, new int[] {1}, FOUR_FLOATS));
        assertTrue(e.getMessage().contains("entry holds 16"), e.getMessage());
        refused(TorchCheckpointException.BadZip.class, oneTensor(4, 0, new int[] {4}, new int[] {1}, Map.of()));
    }

    @Test
    void nanWeightsAreRefusedNamingTheTensor() throws Exception {
        var e = refused(TorchCheckpointException.NonFinite.class, oneTensor(4, 0, new int[] {4}, new int[] {1},
                Map.of("0", floats(1, Float.NaN, 3, 4))));
        assertEquals("w", e.tensor());
    }

    @Test
    void containerProblemsAreTyped() throws Exception {
        byte[] good = oneTensor(4, 0, new int[] {4}, new int[] {1}, FOUR_FLOATS);
        byte[] flipped = good.clone();
        int at = indexOf(flipped, floats(1, 2, 3, 4));
        flipped[at + 2] ^= 0x10; // a bit of a weight
        refused(TorchCheckpointException.BadZip.class, flipped);
        refused(TorchCheckpointException.Truncated.class, java.util.Arrays.copyOf(good, good.length - 30));
        refused(TorchCheckpointException.NotACheckpoint.class, "hello, world".getBytes(StandardCharsets.US_ASCII));
        refused(TorchCheckpointException.NotACheckpoint.class,
                CraftedCheckpoints.zip("archive", Map.of("other.txt", new byte[3])));
        // the legacy format: a protocol-2 pickle of torch's magic number first
        refused(TorchCheckpointException.LegacyFormat.class, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c,
                (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e});
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(deflated)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(new Pickle().op('}').stop());
            z.closeEntry();
        }
        var e = refused(TorchCheckpointException.BadZip.class, deflated.toByteArray());
        assertTrue(e.getMessage().contains("compressed"), e.getMessage());
    }

    @Test
    void noStateDictIsTyped() throws Exception {
        Executable ints = () -> {
            try (TorchCheckpoint c = open(checkpoint(new Pickle().op('}').str("epoch").int1(3).op('s').stop(),
                    Map.of()))) {
                c.stateDict();
            }
        };
        var e = assertThrows(TorchCheckpointException.NoStateDict.class, ints);
        assertTrue(e.getMessage().contains("[epoch]"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
