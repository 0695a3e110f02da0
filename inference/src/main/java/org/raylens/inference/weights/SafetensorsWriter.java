package org.raylens.inference.weights;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes float tensors to a safetensors file (F32, or F16/BF16 by rounding to nearest even), tensors in insertion
 * order, header padded to 8 bytes as the reference implementation does. Used to save fine-tuned heads and by tests.
 */
public final class SafetensorsWriter {
    private record Entry(float[] values, long[] shape, TensorDtype dtype) {
    }

    private final Map<String, Entry> tensors = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsWriter put(String name, float[] values, long[] shape, TensorDtype dtype) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape needs " + n + " values, got " + values.length);
        }
        if (dtype != TensorDtype.F32 && dtype != TensorDtype.F16 && dtype != TensorDtype.BF16) {
            throw new IllegalArgumentException("only F32, F16 and BF16 are written");
        }
        tensors.put(name, new Entry(values.clone(), shape.clone(), dtype));
        return this;
    }

    public SafetensorsWriter put(String name, float[] values, long... shape) {
        return put(name, values, shape, TensorDtype.F32);
    }

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public void write(Path file) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject m = new JsonObject();
            metadata.forEach(m::addProperty);
            header.add("__metadata__", m);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            Entry t = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long s : t.shape()) {
                shape.add(s);
            }
            o.add("shape", shape);
            long len = (long) t.values().length * t.dtype().byteSize();
            JsonArray off = new JsonArray();
            off.add(offset);
            off.add(offset + len);
            o.add("data_offsets", off);
            header.add(e.getKey(), o);
            offset += len;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.replace(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (Entry t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(t.values().length * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : t.values()) {
                    switch (t.dtype()) {
                        case F16 -> b.putShort(HalfFloats.floatToHalf(v));
                        case BF16 -> b.putShort(HalfFloats.floatToBfloat16(v));
                        default -> b.putFloat(v);
                    }
                }
                out.write(b.array());
            }
        });
    }
}
