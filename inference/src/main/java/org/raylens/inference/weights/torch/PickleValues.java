package org.raylens.inference.weights.torch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The Java shapes of unpickled values. Python None, bool, int, float, str, bytes, list and dict map onto null,
 * Boolean, Long (or BigInteger), Double, String, byte[], ArrayList and LinkedHashMap; the types here cover the rest.
 * None of them has behaviour: a pickle can only ever build data in this reader, never reach code.
 */
final class PickleValues {
    private PickleValues() {
    }

    /** A Python tuple (immutable; never contains itself, since its items exist before it). */
    record PyTuple(List<Object> items) {
        PyTuple {
            items = java.util.Collections.unmodifiableList(new ArrayList<>(items));
        }

        int size() {
            return items.size();
        }

        Object get(int i) {
            return items.get(i);
        }

        @Override
        public String toString() {
            return "tuple of " + items.size();
        }
    }

    /** A {@code collections.OrderedDict}; BUILD may give it attributes (torch's {@code _metadata}), kept aside. */
    static final class PyOrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;
    }

    /**
     * A global outside the allow-list, pushed by GLOBAL when the reader tolerates inert objects outside the weights
     * (see {@link UnpicklePolicy}). It is a name and nothing else: REDUCE on it is refused, NEWOBJ makes an
     * {@link InertObject}.
     */
    record PyGlobal(String qualifiedName) {
    }

    /**
     * An instance of a refused class made by NEWOBJ (e.g. {@code argparse.Namespace} in a training checkpoint's
     * {@code args}), with its constructor arguments and BUILD state kept as plain data. Its class was never
     * looked up or run; it exists only so the rest of the file can be read.
     */
    static final class InertObject {
        final String global;
        final List<Object> args;
        Object state;

        InertObject(String global, List<Object> args) {
            this.global = global;
            this.args = args;
        }

        @Override
        public String toString() {
            return "inert " + global;
        }
    }

    /** A Python type name for messages (never the value itself: values may be huge or cyclic). */
    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof PyOrderedDict) {
            return "collections.OrderedDict";
        }
        if (v instanceof java.util.Map) {
            return "dict";
        }
        if (v instanceof java.util.List) {
            return "list";
        }
        if (v instanceof PyGlobal g) {
            return "global " + g.qualifiedName();
        }
        if (v instanceof InertObject o) {
            return o.global + " object";
        }
        if (v instanceof TorchGlobals.Allowed a) {
            return "global " + a.qualifiedName();
        }
        if (v instanceof TorchTensorView) {
            return "torch.Tensor";
        }
        if (v instanceof StorageRef) {
            return "torch storage";
        }
        return v.getClass().getSimpleName();
    }
}
