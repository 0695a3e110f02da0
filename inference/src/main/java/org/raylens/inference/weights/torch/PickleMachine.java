package org.raylens.inference.weights.torch;

import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.torch.PickleValues.InertObject;
import org.raylens.inference.weights.torch.PickleValues.PyGlobal;
import org.raylens.inference.weights.torch.PickleValues.PyOrderedDict;
import org.raylens.inference.weights.torch.PickleValues.PyTuple;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle virtual machine for checkpoint files: the binary opcodes of protocols 2 to 5 that {@code torch.save}
 * and Python containers emit, with globals resolved only against {@link TorchGlobals}' allow-list. It never looks
 * a name up or calls anything it was not built with: REDUCE of a global outside the list is refused naming it,
 * and under {@link UnpicklePolicy#STRICT} so is the GLOBAL itself. Text (protocol 0/1) opcodes, sets, extension
 * codes and out-of-band buffers are refused as unsupported; torch does not write them.
 *
 * <p>Work and memory are bounded by the pickle's length: every length field is checked against the bytes left
 * before anything is allocated, the memo is a map (a huge memo index costs nothing), the machine is a loop (no
 * recursion to overflow) and REDUCE of OrderedDict spends from a work budget proportional to the input.
 */
final class PickleMachine {
    /** Makes (or returns the already made) storage for a persistent id, checking it against the zip entry. */
    interface StorageResolver {
        StorageRef resolve(String key, TensorDtype dtype, long numel, String location) throws TorchCheckpointException;
    }

    private static final Object MARK = new Object();
    private static final int MAX_GLOBAL_LINE = 512;
    private static final int MAX_LONG_BYTES = 4096;

    private final Path file;
    private final ByteBuffer in;
    private final UnpicklePolicy policy;
    private final StorageResolver storages;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Set<String> inertGlobals = new LinkedHashSet<>();
    private long budget;

    private PickleMachine(Path file, ByteBuffer pickle, UnpicklePolicy policy, StorageResolver storages) {
        this.file = file;
        this.in = pickle.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.in.position(0);
        this.policy = policy;
        this.storages = storages;
        this.budget = 64L * pickle.remaining() + 4096;
    }

    /** The unpickled object and the globals that were kept inert on the way. */
    record Result(Object root, Set<String> inertGlobals) {
    }

    static Result run(Path file, ByteBuffer pickle, UnpicklePolicy policy, StorageResolver storages)
            throws TorchCheckpointException {
        PickleMachine m = new PickleMachine(file, pickle, policy, storages);
        Object root = m.execute();
        return new Result(root, java.util.Collections.unmodifiableSet(m.inertGlobals));
    }

    private Object execute() throws TorchCheckpointException {
        while (in.hasRemaining()) {
            int at = in.position();
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto < 2 || proto > 5) {
                        throw bad("unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> { // FRAME: advisory framing of the stream, nothing to do but check its length
                    long len = in8();
                    if (len < 0 || len > in.remaining()) {
                        throw truncated("frame of " + len + " bytes at " + at);
                    }
                }
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw bad("STOP with " + stack.size() + " values and " + marks.size() + " marks on the stack");
                    }
                    return stack.get(0);
                }
                case '(' -> {
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) in4());
                case 'K' -> push((long) u8());
                case 'M' -> push((long) u16());
                case 0x8a -> push(readLong(u8()));
                case 0x8b -> push(readLong(length(in4(), "LONG4")));
                case 'G' -> push(in.order(ByteOrder.BIG_ENDIAN).getDouble(need(8)));
                case 'X' -> push(utf8(length(in4(), "BINUNICODE")));
                case 0x8c -> push(utf8(u8()));
                case 0x8d -> push(utf8(length(in8(), "BINUNICODE8")));
                case 'T' -> push(latin1(length(in4(), "BINSTRING")));
                case 'U' -> push(latin1(u8()));
                case 'B' -> push(bytes(length(in4(), "BINBYTES")));
                case 'C' -> push(bytes(u8()));
                case 0x8e -> push(bytes(length(in8(), "BINBYTES8")));
                case '}' -> push(new LinkedHashMap<>());
                case ']' -> push(new ArrayList<>());
                case ')' -> push(new PyTuple(List.of()));
                case 't' -> push(new PyTuple(popMark()));
                case 0x85 -> push(new PyTuple(popN(1)));
                case 0x86 -> push(new PyTuple(popN(2)));
                case 0x87 -> push(new PyTuple(popN(3)));
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'd' -> {
                    Map<Object, Object> d = new LinkedHashMap<>();
                    setItems(d, popMark());
                    push(d);
                }
                case 'a' -> append(java.util.Collections.singletonList(pop()));
                case 'e' -> append(popMark());
                case 's' -> setItems(popN(2));
                case 'u' -> setItems(popMark());
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(in4() & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(in4() & 0xffffffffL));
                case 'c' -> global(line(), line());
                case 0x93 -> {
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw bad("STACK_GLOBAL needs two strings, got " + PickleValues.typeName(module) + " and "
                                + PickleValues.typeName(name));
                    }
                    global(m, n);
                }
                case 'R' -> reduce();
                case 0x81 -> newObject(tupleArg("NEWOBJ"), null);
                case 0x92 -> {
                    Object kwargs = pop();
                    newObject(tupleArg("NEWOBJ_EX"), kwargs);
                }
                case 'b' -> build();
                case 'Q' -> push(persistent(pop()));
                default -> throw bad("opcode 0x" + Integer.toHexString(op) + " at byte " + at
                        + (isKnownUnsupported(op) ? " is not supported (torch.save does not write it)" : " is unknown"));
            }
        }
        throw truncated("the pickle ends before its STOP opcode");
    }

    private static boolean isKnownUnsupported(int op) {
        return "ILSVFgpPio".indexOf(op) >= 0 || (op >= 0x82 && op <= 0x84) || (op >= 0x8f && op <= 0x91)
                || (op >= 0x96 && op <= 0x98);
    }

    private void global(String module, String name) throws TorchCheckpointException {
        var allowed = TorchGlobals.lookup(module, name);
        if (allowed.isPresent()) {
            push(allowed.get());
            return;
        }
        String qualified = module + "." + name;
        if (policy == UnpicklePolicy.STRICT) {
            throw new TorchCheckpointException.UnsafePickle(file, qualified, "not on the allow-list");
        }
        inertGlobals.add(qualified);
        push(new PyGlobal(qualified));
    }

    private void reduce() throws TorchCheckpointException {
        PyTuple args = tupleArg("REDUCE");
        Object callable = pop();
        if (callable instanceof PyGlobal g) {
            throw new TorchCheckpointException.UnsafePickle(file, g.qualifiedName(),
                    "the pickle calls it (REDUCE); refused without running it");
        }
        if (!(callable instanceof TorchGlobals.Allowed a)) {
            throw bad("REDUCE on a " + PickleValues.typeName(callable) + ", which is not callable");
        }
        if (a == TorchGlobals.Allowed.ORDERED_DICT && args.size() == 1 && args.get(0) instanceof List<?> l) {
            spend(l.size());
        }
        push(TorchGlobals.reduce(file, a, args));
    }

    private void newObject(PyTuple args, Object kwargs) throws TorchCheckpointException {
        Object cls = pop();
        if (cls == TorchGlobals.Allowed.ORDERED_DICT) {
            push(new PyOrderedDict());
        } else if (cls instanceof PyGlobal g) {
            List<Object> all = new ArrayList<>(args.items());
            if (kwargs != null) {
                all.add(kwargs);
            }
            push(new InertObject(g.qualifiedName(), all));
        } else {
            throw bad("NEWOBJ on a " + PickleValues.typeName(cls) + ", which is not a class it may make");
        }
    }

    private void build() throws TorchCheckpointException {
        Object state = pop();
        Object target = peek();
        if (target instanceof InertObject o) {
            o.state = state; // kept as data; no __setstate__ exists to run
        } else if (target instanceof PyOrderedDict) {
            // torch's state dicts carry a _metadata attribute (per-module versions); a reader has no use for it
            if (!(state instanceof Map) && !(state instanceof PyTuple t && t.size() == 2)) {
                throw bad("BUILD of an OrderedDict with a " + PickleValues.typeName(state) + " state");
            }
        } else if (target instanceof PyGlobal g) {
            throw new TorchCheckpointException.UnsafePickle(file, g.qualifiedName(), "the pickle sets state on it (BUILD)");
        } else {
            throw bad("BUILD on a " + PickleValues.typeName(target) + " is not supported");
        }
    }

    private StorageRef persistent(Object pid) throws TorchCheckpointException {
        if (!(pid instanceof PyTuple t) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw bad("persistent id is not ('storage', type, key, location, numel)");
        }
        if (t.get(1) instanceof PyGlobal g) {
            throw new TorchCheckpointException.UnsafePickle(file, g.qualifiedName(), "not a storage type RayLens reads");
        }
        if (!(t.get(1) instanceof TorchGlobals.Allowed a) || a.storageDtype().isEmpty()) {
            throw bad("persistent id names a " + PickleValues.typeName(t.get(1)) + " instead of a storage type");
        }
        if (!(t.get(2) instanceof String key) || !(t.get(3) instanceof String location)) {
            throw bad("persistent id key and location must be strings");
        }
        long numel = TorchGlobals.nonNegative(file, t.get(4), "storage '" + key + "' size");
        return storages.resolve(key, a.storageDtype().get(), numel, location);
    }

    private void append(List<Object> items) throws TorchCheckpointException {
        Object target = peek();
        if (target instanceof InertObject o) {
            throw new TorchCheckpointException.UnsafePickle(file, o.global, "the pickle appends to it (would call its"
                    + " append/extend)");
        }
        if (!(target instanceof ArrayList<?>)) {
            throw bad("APPEND to a " + PickleValues.typeName(target));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        list.addAll(items);
    }

    private void setItems(List<Object> keysAndValues) throws TorchCheckpointException {
        Object target = peek();
        if (target instanceof InertObject o) {
            throw new TorchCheckpointException.UnsafePickle(file, o.global, "the pickle sets items on it (would call"
                    + " its __setitem__)");
        }
        if (!(target instanceof Map<?, ?>)) {
            throw bad("SETITEM on a " + PickleValues.typeName(target));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        setItems(map, keysAndValues);
    }

    private void setItems(Map<Object, Object> map, List<Object> keysAndValues) throws TorchCheckpointException {
        if (keysAndValues.size() % 2 != 0) {
            throw bad("odd number of items for a dict");
        }
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            map.put(checkKey(file, keysAndValues.get(i)), keysAndValues.get(i + 1));
        }
    }

    /**
     * Only immutable scalars (and tuples of them) may be dict keys: hashing a list or a dict, possibly one that
     * contains itself, would recurse without end. Python would refuse unhashable keys too.
     */
    static Object checkKey(Path file, Object key) throws TorchCheckpointException {
        if (isScalar(key)) {
            return key;
        }
        if (key instanceof PyTuple t) {
            for (Object o : t.items()) {
                if (!isScalar(o)) {
                    throw new TorchCheckpointException.BadPickle(file, "dict key is a tuple holding a "
                            + PickleValues.typeName(o));
                }
            }
            return key;
        }
        throw new TorchCheckpointException.BadPickle(file, "dict key is a " + PickleValues.typeName(key)
                + ", which is not hashable");
    }

    private static boolean isScalar(Object o) {
        return o == null || o instanceof String || o instanceof Long || o instanceof BigInteger || o instanceof Double
                || o instanceof Boolean;
    }

    private PyTuple tupleArg(String op) throws TorchCheckpointException {
        Object args = pop();
        if (!(args instanceof PyTuple t)) {
            throw bad(op + " arguments are a " + PickleValues.typeName(args) + ", not a tuple");
        }
        return t;
    }

    private Object memoGet(long index) throws TorchCheckpointException {
        if (!memo.containsKey(index)) {
            throw bad("memo index " + index + " was never stored");
        }
        return memo.get(index);
    }

    private void spend(long work) throws TorchCheckpointException {
        budget -= work;
        if (budget < 0) {
            throw bad("the pickle asks for far more work than its size allows (a crafted input)");
        }
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws TorchCheckpointException {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private Object peek() throws TorchCheckpointException {
        int top = stack.size() - 1;
        if (top < 0 || (!marks.isEmpty() && marks.get(marks.size() - 1) == top)) {
            throw bad("stack underflow at byte " + (in.position() - 1));
        }
        return stack.get(top);
    }

    private List<Object> popN(int n) throws TorchCheckpointException {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1) + 1;
        if (stack.size() - n < floor) {
            throw bad("stack underflow at byte " + (in.position() - 1));
        }
        List<Object> tail = stack.subList(stack.size() - n, stack.size());
        List<Object> out = new ArrayList<>(tail);
        tail.clear();
        return out;
    }

    private List<Object> popMark() throws TorchCheckpointException {
        if (marks.isEmpty()) {
            throw bad("no MARK on the stack at byte " + (in.position() - 1));
        }
        int mark = marks.remove(marks.size() - 1);
        List<Object> tail = stack.subList(mark + 1, stack.size());
        List<Object> out = new ArrayList<>(tail);
        stack.subList(mark, stack.size()).clear();
        return out;
    }

    private int need(int n) throws TorchCheckpointException {
        if (in.remaining() < n) {
            throw truncated("the pickle ends inside an opcode argument");
        }
        int at = in.position();
        in.position(at + n);
        return at;
    }

    private int u8() throws TorchCheckpointException {
        return in.get(need(1)) & 0xff;
    }

    private int u16() throws TorchCheckpointException {
        return in.order(ByteOrder.LITTLE_ENDIAN).getShort(need(2)) & 0xffff;
    }

    private int in4() throws TorchCheckpointException {
        return in.order(ByteOrder.LITTLE_ENDIAN).getInt(need(4));
    }

    private long in8() throws TorchCheckpointException {
        return in.order(ByteOrder.LITTLE_ENDIAN).getLong(need(8));
    }

    /** A length field: must fit in the bytes left (so nothing is allocated for bytes that are not there). */
    private int length(long len, String op) throws TorchCheckpointException {
        if (len < 0 || len > in.remaining()) {
            throw truncated(op + " of " + Long.toUnsignedString(len) + " bytes with " + in.remaining() + " left");
        }
        return (int) len;
    }

    private byte[] bytes(int n) throws TorchCheckpointException {
        byte[] b = new byte[length(n, "value")];
        in.get(need(n), b);
        return b;
    }

    private String utf8(int n) throws TorchCheckpointException {
        byte[] b = bytes(n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw bad("a string is not valid UTF-8");
        }
    }

    private String latin1(int n) throws TorchCheckpointException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private String line() throws TorchCheckpointException {
        int start = in.position();
        int limit = Math.min(in.limit(), start + MAX_GLOBAL_LINE);
        for (int p = start; p < limit; p++) {
            if (in.get(p) == '\n') {
                byte[] b = new byte[p - start];
                in.get(start, b);
                in.position(p + 1);
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw bad("GLOBAL name not ended by a newline within " + MAX_GLOBAL_LINE + " bytes");
    }

    private Object readLong(int n) throws TorchCheckpointException {
        if (n > MAX_LONG_BYTES) {
            throw bad("an integer of " + n + " bytes");
        }
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private TorchCheckpointException bad(String message) {
        return new TorchCheckpointException.BadPickle(file, message);
    }

    private TorchCheckpointException truncated(String message) {
        return new TorchCheckpointException.Truncated(file, message);
    }
}
