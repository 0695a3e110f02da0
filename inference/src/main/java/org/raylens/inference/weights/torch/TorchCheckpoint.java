package org.raylens.inference.weights.torch;

import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.torch.PickleValues.InertObject;
import org.raylens.inference.weights.torch.PickleValues.PyGlobal;
import org.raylens.inference.weights.torch.PickleValues.PyTuple;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch checkpoint ({@code torch.save}'s zip format, torch 1.6 and later) opened without running any of its
 * code: the pickle is interpreted by {@link PickleMachine} against a fixed allow-list, and storages stay in the file,
 * memory-mapped only when a tensor is read. {@link #stateDict()} finds the weights whether the file is a bare state
 * dict or a training checkpoint that nests it under {@code model}, {@code module}, {@code state_dict} or
 * {@code model_ema} (tried in that order), and says which.
 *
 * <pre>{@code
 * try (TorchCheckpoint ckpt = TorchCheckpoint.open(path)) {
 *     TorchStateDict weights = ckpt.stateDict();   // weights.source() == "model"
 *     float[] w = weights.readFloats("patch_embed.proj.weight");
 * }
 * }</pre>
 */
public final class TorchCheckpoint implements AutoCloseable {
    /** Where training scripts keep the weights, in the order they are tried. */
    public static final List<String> STATE_DICT_KEYS = List.of("model", "module", "state_dict", "model_ema");

    private static final int MAX_NESTING = 3;
    private static final long MAX_PICKLE_BYTES = 512L * 1024 * 1024;

    private final Path file;
    private final CheckpointBytes bytes;
    private final String archive;
    private final ByteOrder byteOrder;
    private final Object root;
    private final Set<String> inertGlobals;
    private final TensorReader reader;

    private TorchCheckpoint(Path file, CheckpointBytes bytes, String archive, ByteOrder byteOrder, Object root,
                            Set<String> inertGlobals, TensorReader reader) {
        this.file = file;
        this.bytes = bytes;
        this.archive = archive;
        this.byteOrder = byteOrder;
        this.root = root;
        this.inertGlobals = inertGlobals;
        this.reader = reader;
    }

    /** Opens with the default {@link UnpicklePolicy#INERT_OUTSIDE_WEIGHTS}. */
    public static TorchCheckpoint open(Path file) throws IOException {
        return open(file, UnpicklePolicy.INERT_OUTSIDE_WEIGHTS);
    }

    public static TorchCheckpoint open(Path file, UnpicklePolicy policy) throws IOException {
        CheckpointBytes bytes = CheckpointBytes.open(file);
        try {
            return read(file, bytes, policy);
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    /** Reads a checkpoint held in memory; {@code name} only labels messages. */
    static TorchCheckpoint read(Path name, CheckpointBytes bytes, UnpicklePolicy policy) throws IOException {
        checkSignature(name, bytes);
        ZipDirectory zip = ZipDirectory.read(name, bytes);
        String archive = archiveName(name, zip);
        ByteOrder order = byteOrder(name, zip, archive);
        ZipDirectory.Entry pickleEntry = zip.entry(archive + "/data.pkl");
        if (pickleEntry.size > MAX_PICKLE_BYTES) {
            throw new TorchCheckpointException.BadZip(name, "data.pkl of " + pickleEntry.size + " bytes is too large");
        }
        ByteBuffer pickle = zip.read(pickleEntry);
        Map<String, StorageRef> storages = new HashMap<>();
        PickleMachine.Result result = PickleMachine.run(name, pickle, policy,
                (key, dtype, numel, location) -> storage(name, zip, archive, storages, key, dtype, numel, location));
        return new TorchCheckpoint(name, bytes, archive, order, result.root(), result.inertGlobals(),
                new TensorReader(name, zip, order));
    }

    private static void checkSignature(Path file, CheckpointBytes bytes) throws IOException {
        if (bytes.size() < 4) {
            throw new TorchCheckpointException.NotACheckpoint(file, "only " + bytes.size() + " bytes");
        }
        ByteBuffer head = bytes.slice(0, (int) Math.min(bytes.size(), 16));
        if (head.getInt(0) == 0x04034b50) { // "PK\3\4"
            return;
        }
        // The legacy format opens with a protocol-2 pickle of the magic number 0x1950a86a20f9469cfc6c (a LONG1).
        if (head.limit() >= 4 && (head.get(0) & 0xff) == 0x80 && (head.get(2) & 0xff) == 0x8a && head.get(3) == 10) {
            throw new TorchCheckpointException.LegacyFormat(file);
        }
        throw new TorchCheckpointException.NotACheckpoint(file, "it is neither a zip archive nor a legacy torch pickle");
    }

    /** The folder that holds {@code data.pkl}: torch names it after the file (or "archive"), so it is found, not assumed. */
    private static String archiveName(Path file, ZipDirectory zip) throws TorchCheckpointException {
        List<String> found = new ArrayList<>();
        for (String name : zip.entries().keySet()) {
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash).equals("/data.pkl")) {
                found.add(name.substring(0, slash));
            }
        }
        if (found.isEmpty()) {
            throw new TorchCheckpointException.NotACheckpoint(file, "a zip archive without <archive>/data.pkl, so not"
                    + " written by torch.save");
        }
        if (found.size() > 1) {
            throw new TorchCheckpointException.BadZip(file, "several data.pkl entries: " + found);
        }
        return found.get(0);
    }

    private static ByteOrder byteOrder(Path file, ZipDirectory zip, String archive) throws IOException {
        ZipDirectory.Entry e = zip.entry(archive + "/byteorder");
        if (e == null) {
            return ByteOrder.LITTLE_ENDIAN; // torch before 1.11 wrote no byteorder record, and only little-endian
        }
        if (e.size > 16) {
            throw new TorchCheckpointException.BadZip(file, "byteorder record of " + e.size + " bytes");
        }
        ByteBuffer b = zip.read(e);
        byte[] text = new byte[b.remaining()];
        b.get(text);
        String s = new String(text, StandardCharsets.US_ASCII).strip();
        return switch (s) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new TorchCheckpointException.BadZip(file, "byteorder record is not 'little' or 'big'");
        };
    }

    /** One {@link StorageRef} per key, its declared size checked against the entry before any tensor uses it. */
    private static StorageRef storage(Path file, ZipDirectory zip, String archive, Map<String, StorageRef> storages,
                                      String key, TensorDtype dtype, long numel, String location)
            throws TorchCheckpointException {
        StorageRef known = storages.get(key);
        if (known != null) {
            if (known.dtype() != dtype || known.numel() != numel) {
                throw new TorchCheckpointException.BadLayout(file, "storage '" + key + "' is named as " + known.dtype()
                        + " × " + known.numel() + " and as " + dtype + " × " + numel);
            }
            return known;
        }
        ZipDirectory.Entry entry = zip.entry(archive + "/data/" + key);
        if (entry == null) {
            throw new TorchCheckpointException.BadZip(file, "storage '" + key + "' named by the pickle has no entry "
                    + archive + "/data/" + key);
        }
        long expected;
        try {
            expected = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new TorchCheckpointException.BadLayout(file, "storage '" + key + "' of " + numel + " elements overflows");
        }
        if (expected != entry.size) {
            throw new TorchCheckpointException.BadLayout(file, "storage '" + key + "' is declared as " + numel + " × "
                    + dtype + " = " + expected + " bytes but its entry holds " + entry.size);
        }
        StorageRef ref = new StorageRef(key, dtype, numel, location, entry);
        storages.put(key, ref);
        return ref;
    }

    public Path file() {
        return file;
    }

    /** The zip's top folder (torch names it after the saved file, e.g. "evax_tiny", or "archive"). */
    public String archiveName() {
        return archive;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** The string keys of the top-level dictionary ("model", "optimizer", "epoch", ...); empty if the root is not one. */
    public Set<String> topLevelKeys() {
        Set<String> keys = new LinkedHashSet<>();
        if (root instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (k instanceof String s) {
                    keys.add(s);
                }
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Globals outside the allow-list that the file holds as inert objects (e.g. {@code argparse.Namespace} in
     * {@code args}); none of them is part of any state dict returned. Always empty under {@link UnpicklePolicy#STRICT}.
     */
    public Set<String> inertGlobals() {
        return inertGlobals;
    }

    /** The weights, found at the root or under {@link #STATE_DICT_KEYS} (nested up to three levels). */
    public TorchStateDict stateDict() throws TorchCheckpointException {
        refuseInertRoot();
        String path = findStateDict(root, "", 0);
        if (path == null) {
            throw new TorchCheckpointException.NoStateDict(file, "no dictionary of tensors at the top level or under "
                    + STATE_DICT_KEYS + "; top-level keys: " + describeKeys());
        }
        return stateDict(path);
    }

    /** The dictionary at a dotted key path ("" for the root, "model", "state_dict.module"), as a state dict. */
    public TorchStateDict stateDict(String path) throws TorchCheckpointException {
        refuseInertRoot();
        Object node = root;
        if (!path.isEmpty()) {
            for (String key : path.split("\\.", -1)) {
                if (!(node instanceof Map<?, ?> m) || !m.containsKey(key)) {
                    throw new TorchCheckpointException.NoStateDict(file, "no key path '" + path + "'; top-level keys: "
                            + describeKeys());
                }
                node = m.get(key);
            }
        }
        String inertNode = node instanceof Map ? null : firstInert(node);
        if (inertNode != null) {
            throw new TorchCheckpointException.UnsafePickle(file, inertNode, "'" + path + "' is an object of a class"
                    + " outside the allow-list, kept inert and never read as weights");
        }
        if (!(node instanceof Map<?, ?> dict)) {
            throw new TorchCheckpointException.NoStateDict(file, "'" + path + "' holds a " + PickleValues.typeName(node)
                    + ", not a dictionary of tensors");
        }
        Map<String, TorchTensorView> views = new LinkedHashMap<>();
        Map<String, TorchTensorInfo> infos = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String name = String.valueOf(e.getKey()); // keys are scalars (checked when the dict was built)
            if (e.getValue() instanceof TorchTensorView v && e.getKey() instanceof String) {
                views.put(name, v);
                infos.put(name, TorchTensorInfo.of(name, v));
            } else {
                String inert = firstInert(e.getValue());
                if (inert != null) {
                    throw new TorchCheckpointException.UnsafePickle(file, inert, "state dict entry '" + name
                            + "' holds it; a weight must be a tensor");
                }
                skipped.add(name);
            }
        }
        return new TorchStateDict(file, path, views, infos, skipped, reader);
    }

    private void refuseInertRoot() throws TorchCheckpointException {
        if (root instanceof InertObject o) {
            throw new TorchCheckpointException.UnsafePickle(file, o.global, "the checkpoint is a pickled object, not a"
                    + " dictionary of tensors; save model.state_dict() instead of the model");
        }
        if (root instanceof PyGlobal g) {
            throw new TorchCheckpointException.UnsafePickle(file, g.qualifiedName(), "the checkpoint is a bare global");
        }
    }

    private static String findStateDict(Object node, String path, int depth) {
        if (!(node instanceof Map<?, ?> m)) {
            return null;
        }
        for (Object v : m.values()) {
            if (v instanceof TorchTensorView) {
                return path;
            }
        }
        if (depth >= MAX_NESTING) {
            return null;
        }
        for (String key : STATE_DICT_KEYS) {
            String found = findStateDict(m.get(key), path.isEmpty() ? key : path + "." + key, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first refused global reachable from {@code value}, or null; iterative, so cycles and depth are harmless. */
    private static String firstInert(Object value) {
        Deque<Object> todo = new ArrayDeque<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        if (value != null) {
            todo.push(value);
        }
        while (!todo.isEmpty()) {
            Object v = todo.pop();
            if (seen.put(v, Boolean.TRUE) != null) {
                continue;
            }
            if (v instanceof InertObject o) {
                return o.global;
            }
            if (v instanceof PyGlobal g) {
                return g.qualifiedName();
            }
            Iterable<?> children = v instanceof Map<?, ?> m ? concat(m) : v instanceof List<?> l ? l
                    : v instanceof PyTuple t ? t.items() : List.of();
            for (Object c : children) {
                if (c != null) {
                    todo.push(c);
                }
            }
        }
        return null;
    }

    private static List<Object> concat(Map<?, ?> m) {
        List<Object> all = new ArrayList<>(m.keySet());
        all.addAll(m.values());
        return all;
    }

    private String describeKeys() {
        if (!(root instanceof Map)) {
            return "(the root is a " + PickleValues.typeName(root) + ")";
        }
        List<String> keys = new ArrayList<>(topLevelKeys());
        return keys.size() > 20 ? keys.subList(0, 20) + " and " + (keys.size() - 20) + " more" : keys.toString();
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }
}
