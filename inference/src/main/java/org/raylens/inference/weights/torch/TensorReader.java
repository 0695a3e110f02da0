package org.raylens.inference.weights.torch;

import org.raylens.core.numeric.FiniteCheck;
import org.raylens.inference.weights.HalfFloats;
import org.raylens.inference.weights.TensorDtype;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Turns a tensor view into a C-order Java array: one bulk copy when the view is contiguous, otherwise an odometer
 * over the strides (transposed, sliced or expanded views). The storage's bytes are mapped on demand and verified
 * by CRC on first use; the view was already checked to lie inside its storage, so no index here can run past it.
 */
final class TensorReader {
    /** The most elements one Java array may hold. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final Path file;
    private final ZipDirectory zip;
    private final ByteOrder order;

    TensorReader(Path file, ZipDirectory zip, ByteOrder order) {
        this.file = file;
        this.zip = zip;
        this.order = order;
    }

    /** F32, F16, BF16 and F64 as float32, each value checked to be finite (a NaN weight poisons every output). */
    float[] readFloats(String name, TorchTensorView v) throws IOException {
        TensorDtype dtype = v.storage().dtype();
        if (!dtype.isFloatingPoint()) {
            throw new TorchCheckpointException.UnsupportedDtype(file, "tensor '" + name + "' is " + dtype
                    + "; weights must be F32, F16, BF16 or F64 (read integer tensors with readLongs)");
        }
        int n = count(name, v);
        ByteBuffer s = storage(v);
        float[] out = new float[n];
        if (dtype == TensorDtype.F32 && v.isContiguous()) {
            s.position((int) (v.offset() * 4));
            s.asFloatBuffer().get(out);
        } else {
            Odometer it = new Odometer(v);
            for (int i = 0; i < n; i++) {
                int e = it.next();
                out[i] = switch (dtype) {
                    case F32 -> s.getFloat(4 * e);
                    case F16 -> HalfFloats.halfToFloat(s.getShort(2 * e));
                    case BF16 -> HalfFloats.bfloat16ToFloat(s.getShort(2 * e));
                    default -> (float) s.getDouble(8 * e); // F64; a double beyond float range becomes infinite
                };
            }
        }
        int bad = FiniteCheck.firstNonFinite(out);
        if (bad >= 0) {
            throw new TorchCheckpointException.NonFinite(file, name, bad, n, out[bad]);
        }
        return out;
    }

    /** I64, I32, I16, I8, U8 and BOOL (as 0/1) widened to long. */
    long[] readLongs(String name, TorchTensorView v) throws IOException {
        TensorDtype dtype = v.storage().dtype();
        if (dtype.isFloatingPoint()) {
            throw new TorchCheckpointException.UnsupportedDtype(file, "tensor '" + name + "' is " + dtype
                    + ", not an integer type (read it with readFloats)");
        }
        int n = count(name, v);
        ByteBuffer s = storage(v);
        long[] out = new long[n];
        Odometer it = new Odometer(v);
        for (int i = 0; i < n; i++) {
            int e = it.next();
            out[i] = switch (dtype) {
                case I64 -> s.getLong(8 * e);
                case I32 -> s.getInt(4 * e);
                case I16 -> s.getShort(2 * e);
                case I8 -> s.get(e);
                case U8 -> s.get(e) & 0xff;
                default -> s.get(e) != 0 ? 1 : 0; // BOOL
            };
        }
        return out;
    }

    private int count(String name, TorchTensorView v) throws TorchCheckpointException {
        long n = v.elementCount();
        if (n > MAX_ELEMENTS) {
            throw new TorchCheckpointException.UnsupportedDtype(file, "tensor '" + name + "' has " + n
                    + " elements, more than one Java array holds");
        }
        return (int) n;
    }

    private ByteBuffer storage(TorchTensorView v) throws IOException {
        return zip.read(v.storage().entry()).order(order);
    }

    /** Storage element indices of a view in C order, one step at a time (no index array is allocated). */
    private static final class Odometer {
        private final long[] shape;
        private final long[] stride;
        private final long[] index;
        private long position;
        private boolean started;

        Odometer(TorchTensorView v) {
            this.shape = v.shape();
            this.stride = v.stride();
            this.index = new long[shape.length];
            this.position = v.offset();
        }

        int next() {
            if (started) {
                for (int d = shape.length - 1; d >= 0; d--) {
                    if (++index[d] < shape[d]) {
                        position += stride[d];
                        break;
                    }
                    position -= (shape[d] - 1) * stride[d];
                    index[d] = 0;
                }
            }
            started = true;
            return (int) position; // inside the storage (checked at rebuild), whose entry is under 2 GiB
        }
    }
}
