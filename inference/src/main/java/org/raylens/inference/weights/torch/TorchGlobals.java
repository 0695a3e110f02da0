package org.raylens.inference.weights.torch;

import org.raylens.inference.weights.TensorDtype;
import org.raylens.inference.weights.torch.PickleValues.PyOrderedDict;
import org.raylens.inference.weights.torch.PickleValues.PyTuple;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list: the only globals a checkpoint pickle may name, each implemented here in Java (nothing is looked
 * up by name, so a pickle cannot reach any other code). They are what {@code torch.save} of a state dict writes:
 * the tensor and parameter rebuild functions, the typed storage classes torch 1.x and 2.x name in persistent ids
 * (torch 2.x still writes {@code torch.FloatStorage} etc. for tensors; {@code UntypedStorage} only for raw storages)
 * and {@code collections.OrderedDict}.
 */
final class TorchGlobals {
    private TorchGlobals() {
    }

    /** A permitted global. Storage classes carry their element type; the rest are the callables REDUCE may run. */
    enum Allowed {
        REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2", null),
        REBUILD_PARAMETER("torch._utils", "_rebuild_parameter", null),
        ORDERED_DICT("collections", "OrderedDict", null),
        FLOAT_STORAGE("torch", "FloatStorage", TensorDtype.F32),
        DOUBLE_STORAGE("torch", "DoubleStorage", TensorDtype.F64),
        HALF_STORAGE("torch", "HalfStorage", TensorDtype.F16),
        BFLOAT16_STORAGE("torch", "BFloat16Storage", TensorDtype.BF16),
        LONG_STORAGE("torch", "LongStorage", TensorDtype.I64),
        INT_STORAGE("torch", "IntStorage", TensorDtype.I32),
        SHORT_STORAGE("torch", "ShortStorage", TensorDtype.I16),
        CHAR_STORAGE("torch", "CharStorage", TensorDtype.I8),
        BYTE_STORAGE("torch", "ByteStorage", TensorDtype.U8),
        BOOL_STORAGE("torch", "BoolStorage", TensorDtype.BOOL),
        UNTYPED_STORAGE("torch", "UntypedStorage", TensorDtype.U8),
        UNTYPED_STORAGE_QUALIFIED("torch.storage", "UntypedStorage", TensorDtype.U8);

        private final String module;
        private final String name;
        private final TensorDtype storageDtype;

        Allowed(String module, String name, TensorDtype storageDtype) {
            this.module = module;
            this.name = name;
            this.storageDtype = storageDtype;
        }

        String qualifiedName() {
            return module + "." + name;
        }

        /** The storage's element type, or empty if this global is not a storage class. */
        Optional<TensorDtype> storageDtype() {
            return Optional.ofNullable(storageDtype);
        }
    }

    static Optional<Allowed> lookup(String module, String name) {
        for (Allowed a : Allowed.values()) {
            if (a.module.equals(module) && a.name.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** REDUCE of a permitted callable with {@code args}; a permitted global that is not callable is refused. */
    static Object reduce(Path file, Allowed callable, PyTuple args) throws TorchCheckpointException {
        return switch (callable) {
            case REBUILD_TENSOR_V2 -> rebuildTensor(file, args);
            case REBUILD_PARAMETER -> rebuildParameter(file, args);
            case ORDERED_DICT -> orderedDict(file, args);
            default -> throw new TorchCheckpointException.UnsafePickle(file, callable.qualifiedName(),
                    "a storage class is only valid inside a persistent id, not called");
        };
    }

    private static Object rebuildTensor(Path file, PyTuple a) throws TorchCheckpointException {
        String fn = "_rebuild_tensor_v2";
        if (a.size() != 6 && a.size() != 7) {
            throw bad(file, fn + " takes 6 or 7 arguments, got " + a.size());
        }
        if (!(a.get(0) instanceof StorageRef storage)) {
            throw bad(file, fn + " argument 1 is a " + PickleValues.typeName(a.get(0)) + ", not a storage");
        }
        long offset = nonNegative(file, a.get(1), fn + " storage_offset");
        long[] shape = longs(file, a.get(2), fn + " size");
        long[] stride = longs(file, a.get(3), fn + " stride");
        if (!(a.get(4) instanceof Boolean)) {
            throw bad(file, fn + " requires_grad is a " + PickleValues.typeName(a.get(4)) + ", not a bool");
        }
        if (!(a.get(5) instanceof Map)) {
            throw bad(file, fn + " backward_hooks is a " + PickleValues.typeName(a.get(5)) + ", not a dict");
        }
        if (a.size() == 7 && a.get(6) != null && !(a.get(6) instanceof Map)) {
            throw bad(file, fn + " metadata is a " + PickleValues.typeName(a.get(6)) + ", not a dict");
        }
        if (shape.length != stride.length) {
            throw new TorchCheckpointException.BadLayout(file, "tensor has " + shape.length + " sizes but "
                    + stride.length + " strides");
        }
        checkInsideStorage(file, storage, offset, shape, stride);
        return new TorchTensorView(storage, offset, shape, stride);
    }

    /** Every element the view can address must lie in the storage; sizes whose product overflows are refused. */
    private static void checkInsideStorage(Path file, StorageRef storage, long offset, long[] shape, long[] stride)
            throws TorchCheckpointException {
        try {
            long count = 1;
            long last = offset;
            for (int d = 0; d < shape.length; d++) {
                count = Math.multiplyExact(count, shape[d]);
                if (shape[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
                }
            }
            if (count > 0 ? last >= storage.numel() : offset > storage.numel()) {
                throw new TorchCheckpointException.BadLayout(file, "a tensor of size " + java.util.Arrays.toString(shape)
                        + " with stride " + java.util.Arrays.toString(stride) + " from element " + offset
                        + " runs past the end of storage '" + storage.key() + "' (" + storage.numel() + " elements)");
            }
        } catch (ArithmeticException e) {
            throw new TorchCheckpointException.BadLayout(file, "tensor size " + java.util.Arrays.toString(shape)
                    + " or its extent overflows 64 bits");
        }
    }

    private static Object rebuildParameter(Path file, PyTuple a) throws TorchCheckpointException {
        if (a.size() != 3) {
            throw bad(file, "_rebuild_parameter takes 3 arguments, got " + a.size());
        }
        if (!(a.get(0) instanceof TorchTensorView)) {
            throw bad(file, "_rebuild_parameter argument 1 is a " + PickleValues.typeName(a.get(0)) + ", not a tensor");
        }
        if (!(a.get(1) instanceof Boolean) || !(a.get(2) instanceof Map)) {
            throw bad(file, "_rebuild_parameter expects (tensor, bool, dict)");
        }
        return a.get(0); // a parameter is its data tensor here; requires_grad and hooks mean nothing to a reader
    }

    /** {@code OrderedDict()} or {@code OrderedDict([(key, value), ...])}, the two forms a pickle can call. */
    private static Object orderedDict(Path file, PyTuple a) throws TorchCheckpointException {
        PyOrderedDict d = new PyOrderedDict();
        if (a.size() == 0) {
            return d;
        }
        if (a.size() != 1 || !(a.get(0) instanceof List<?> pairs)) {
            throw bad(file, "collections.OrderedDict takes () or one list of pairs, got a tuple of " + a.size()
                    + (a.size() == 1 ? " holding a " + PickleValues.typeName(a.get(0)) : ""));
        }
        for (Object p : pairs) {
            if (!(p instanceof PyTuple t) || t.size() != 2) {
                throw bad(file, "collections.OrderedDict pair list holds a " + PickleValues.typeName(p)
                        + ", not a 2-tuple");
            }
            d.put(PickleMachine.checkKey(file, t.get(0)), t.get(1));
        }
        return d;
    }

    private static long[] longs(Path file, Object v, String what) throws TorchCheckpointException {
        if (!(v instanceof PyTuple t)) {
            throw bad(file, what + " is a " + PickleValues.typeName(v) + ", not a tuple");
        }
        if (t.size() > 64) {
            throw new TorchCheckpointException.BadLayout(file, what + " has " + t.size() + " dimensions (torch allows 64)");
        }
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNegative(file, t.get(i), what);
        }
        return out;
    }

    static long nonNegative(Path file, Object v, String what) throws TorchCheckpointException {
        if (v instanceof BigInteger) {
            throw new TorchCheckpointException.BadLayout(file, what + " does not fit in 64 bits");
        }
        if (!(v instanceof Long l)) {
            throw bad(file, what + " is a " + PickleValues.typeName(v) + ", not an int");
        }
        if (l < 0) {
            throw new TorchCheckpointException.BadLayout(file, what + " is negative (" + l + ")");
        }
        return l;
    }

    private static TorchCheckpointException bad(Path file, String message) {
        return new TorchCheckpointException.BadPickle(file, message);
    }
}
