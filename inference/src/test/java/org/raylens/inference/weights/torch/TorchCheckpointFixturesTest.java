package org.raylens.inference.weights.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.raylens.inference.weights.TensorDtype;

import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reads the checkpoints that make_fixtures.py writes with torch's own pickle layout (no torch needed): views with
 * offsets, strides and stride 0 over one shared storage, every storage dtype, both byte orders, a training
 * checkpoint with optimizer/scaler/epoch/args, and pickles that would run {@code os.system}.
 */
class TorchCheckpointFixturesTest {
    private static final float[] W = new float[12];

    static {
        for (int i = 0; i < 12; i++) {
            W[i] = 0.5f * i - 1.0f;
        }
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TorchCheckpointFixturesTest.class.getResource(name).toURI());
    }

    @Test
    void trainingCheckpointYieldsTheModelDictAndSaysWhereItCameFrom() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("tiny_training.pt"))) {
            assertEquals("tiny_training", ckpt.archiveName());
            assertEquals(Set.of("model", "optimizer", "epoch", "scaler", "args"), ckpt.topLevelKeys());
            assertEquals(Set.of("argparse.Namespace"), ckpt.inertGlobals());
            TorchStateDict sd = ckpt.stateDict();
            assertEquals("model", sd.source());
            assertEquals(List.of("w", "w_t", "w_row2", "w_col1_expanded", "half", "bf16", "idx", "mask", "bytes",
                    "scalar"), List.copyOf(sd.names()));
            assertEquals(List.of(), sd.skippedEntries());
            assertValues(sd);
        }
    }

    @Test
    void bigEndianStoragesReadTheSameValues() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("tiny_bigendian.pt"))) {
            assertEquals(ByteOrder.BIG_ENDIAN, ckpt.byteOrder());
            assertValues(ckpt.stateDict());
        }
    }

    @Test
    void bareStateDictWithoutByteorderRecordIsTheRoot() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("tiny_bare.pt"))) {
            assertEquals("archive", ckpt.archiveName());
            assertEquals(ByteOrder.LITTLE_ENDIAN, ckpt.byteOrder());
            TorchStateDict sd = ckpt.stateDict();
            assertEquals("", sd.source());
            assertValues(sd);
        }
    }

    private static void assertValues(TorchStateDict sd) throws Exception {
        assertEquals(TensorDtype.F32, sd.info("w").dtype());
        assertArrayEquals(new long[] {3, 4}, sd.info("w").shape());
        assertArrayEquals(W, sd.readFloats("w"));
        float[] transposed = new float[12];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                transposed[r * 3 + c] = W[c * 4 + r];
            }
        }
        assertArrayEquals(transposed, sd.readFloats("w_t"), "a transposed view is read in C order");
        assertArrayEquals(new float[] {W[8], W[9], W[10], W[11]}, sd.readFloats("w_row2"));
        float[] col = {W[1], W[5], W[9]};
        assertArrayEquals(new float[] {col[0], col[1], col[2], col[0], col[1], col[2]}, sd.readFloats("w_col1_expanded"));
        assertTrue(sd.sharesStorage("w", "w_t") && sd.sharesStorage("w", "w_col1_expanded"));
        assertFalse(sd.sharesStorage("w", "half"));
        assertArrayEquals(new float[] {1.0f, -2.5f, 0.000061035156f, 65504.0f}, sd.readFloats("half"));
        assertArrayEquals(new float[] {1.0f, -3.0f, 0.15625f, 256.0f}, sd.readFloats("bf16"));
        assertArrayEquals(new long[] {7, -1, 1L << 40, 0}, sd.readLongs("idx"));
        assertArrayEquals(new long[] {1, 0, 1}, sd.readLongs("mask"));
        assertArrayEquals(new long[] {0, 200, 255}, sd.readLongs("bytes"));
        assertArrayEquals(new long[] {-1}, sd.readLongs("scalar"), "a 0-d tensor is one element at its offset");
        assertArrayEquals(new long[0], sd.info("scalar").shape());
        assertThrows(TorchCheckpointException.UnsupportedDtype.class, () -> sd.readFloats("idx"));
        assertThrows(TorchCheckpointException.UnsupportedDtype.class, () -> sd.readLongs("w"));
        assertThrows(TorchCheckpointException.NoStateDict.class, () -> sd.readFloats("absent"));
    }

    @Test
    void strictPolicyRefusesTheTrainingCheckpointAtTheNamespaceGlobal() throws Exception {
        var e = assertThrows(TorchCheckpointException.UnsafePickle.class,
                () -> TorchCheckpoint.open(fixture("tiny_training.pt"), UnpicklePolicy.STRICT));
        assertEquals("argparse.Namespace", e.global());
        assertTrue(e.getMessage().contains("not on the allow-list"), e.getMessage());
    }

    @Test
    void strictPolicyReadsACheckpointThatNeedsNothingOutsideTheAllowList() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("tiny_bigendian.pt"), UnpicklePolicy.STRICT)) {
            assertEquals(Set.of(), ckpt.inertGlobals());
            assertValues(ckpt.stateDict());
        }
    }

    @Test
    void osSystemPickleIsRefusedNamingItUnderBothPoliciesAndNothingRuns() throws Exception {
        Path marker = Path.of("/tmp/raylens-torch-fixture-was-executed");
        Files.deleteIfExists(marker);
        var lenient = assertThrows(TorchCheckpointException.UnsafePickle.class,
                () -> TorchCheckpoint.open(fixture("posix_system.pt")));
        assertEquals("posix.system", lenient.global());
        assertTrue(lenient.getMessage().contains("'posix.system'") && lenient.getMessage().contains("REDUCE"),
                lenient.getMessage());
        var strict = assertThrows(TorchCheckpointException.UnsafePickle.class,
                () -> TorchCheckpoint.open(fixture("posix_system.pt"), UnpicklePolicy.STRICT));
        assertEquals("posix.system", strict.global());
        assertTrue(strict.getMessage().contains("not on the allow-list"), strict.getMessage());
        assertFalse(Files.exists(marker), "the pickled command must never run");
    }

    @Test
    void osSystemCallOutsideTheWeightsStillRefusesTheWholeFile() throws Exception {
        var e = assertThrows(TorchCheckpointException.UnsafePickle.class,
                () -> TorchCheckpoint.open(fixture("posix_system_in_args.pt")));
        assertEquals("posix.system", e.global());
    }

    @Test
    void inertObjectInsideTheWeightsIsRefusedNamingItsClass() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("namespace_in_weights.pt"))) {
            var e = assertThrows(TorchCheckpointException.UnsafePickle.class, ckpt::stateDict);
            assertEquals("argparse.Namespace", e.global());
            assertTrue(e.getMessage().contains("'cfg'"), e.getMessage());
        }
    }

    @Test
    void aPickledObjectInsteadOfADictIsRefusedNamingItsClass() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("pickled_object.pt"))) {
            var e = assertThrows(TorchCheckpointException.UnsafePickle.class, ckpt::stateDict);
            assertEquals("argparse.Namespace", e.global());
            assertTrue(e.getMessage().contains("state_dict()"), e.getMessage());
        }
    }

    @Test
    void explicitKeyPathsSelectOtherDictionaries() throws Exception {
        try (TorchCheckpoint ckpt = TorchCheckpoint.open(fixture("tiny_training.pt"))) {
            assertEquals(10, ckpt.stateDict("model").names().size());
            TorchStateDict scaler = ckpt.stateDict("scaler");
            assertEquals(Set.of(), scaler.names());
            assertEquals(List.of("scale", "_growth_tracker"), scaler.skippedEntries());
            assertThrows(TorchCheckpointException.UnsafePickle.class, () -> ckpt.stateDict("args"));
            assertThrows(TorchCheckpointException.NoStateDict.class, () -> ckpt.stateDict("epoch"));
            assertThrows(TorchCheckpointException.NoStateDict.class, () -> ckpt.stateDict("model_ema"));
        }
    }
}
