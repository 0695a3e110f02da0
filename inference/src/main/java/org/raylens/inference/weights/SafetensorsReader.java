package org.raylens.inference.weights;

import org.raylens.core.numeric.FiniteCheck;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors file (8-byte little-endian header length, a UTF-8 JSON header, then the raw data) and
 * validates the header completely before any byte of tensor data is trusted: the header size is bounded and inside
 * the file, every entry has a known dtype, a non-negative shape and offsets inside the data area, dtype × shape
 * equals the byte length, and no two tensors overlap. Tensor bytes are memory-mapped on demand, so a 350 MB
 * checkpoint is never copied onto the Java heap; {@link #readFloats} converts F32/F16/BF16 to float32.
 *
 * <p>Not thread-safe for {@link #close()}; reading from several threads while open is fine.
 */
public final class SafetensorsReader implements AutoCloseable {
    /** The format's own limit (the reference implementation refuses larger headers). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsReader(Path file, FileChannel channel, long dataStart, Map<String, TensorInfo> tensors,
                              Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafetensorsReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8) {
                throw new SafetensorsException.Truncated(file, "only " + size + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES) {
                throw new SafetensorsException.MalformedHeader(file, "header length " + Long.toUnsignedString(headerLen)
                        + " bytes is outside [2, " + MAX_HEADER_BYTES + "]");
            }
            if (8 + headerLen > size) {
                throw new SafetensorsException.Truncated(file, "header claims " + headerLen + " bytes but the file has "
                        + (size - 8) + " after the length field");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8, file);
            String json = decodeUtf8(headerBuf.flip(), file);
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, TensorInfo> infos = parseHeader(json, file, dataSize, meta);
            return new SafetensorsReader(file, ch, dataStart, Collections.unmodifiableMap(infos),
                    Collections.unmodifiableMap(meta));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new SafetensorsException.Truncated(file, "unexpected end of file at byte " + p);
            }
            p += n;
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, Path file) throws SafetensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException.MalformedHeader(file, "header is not valid UTF-8", e);
        }
    }

    private static Map<String, TensorInfo> parseHeader(String json, Path file, long dataSize, Map<String, String> meta)
            throws SafetensorsException {
        JsonObject root;
        try {
            JsonElement el = JsonParser.parseString(json.stripTrailing());
            if (!el.isJsonObject()) {
                throw new SafetensorsException.MalformedHeader(file, "header is JSON but not an object");
            }
            root = el.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException | StackOverflowError e) {
            throw new SafetensorsException.MalformedHeader(file, "header is not JSON: " + e.getMessage(), e);
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                readMetadata(e.getValue(), file, meta);
                continue;
            }
            infos.put(name, parseEntry(name, e.getValue(), file, dataSize));
        }
        checkNoOverlap(infos.values(), file);
        return infos;
    }

    private static void readMetadata(JsonElement value, Path file, Map<String, String> meta) throws SafetensorsException {
        if (!value.isJsonObject()) {
            throw new SafetensorsException.MalformedHeader(file, "__metadata__ is not an object");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive()) {
                throw new SafetensorsException.MalformedHeader(file, "__metadata__ value of '" + m.getKey() + "' is not a string");
            }
            meta.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static TensorInfo parseEntry(String name, JsonElement value, Path file, long dataSize) throws SafetensorsException {
        if (!value.isJsonObject()) {
            throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' is not an object");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dt = o.get("dtype");
        if (dt == null || !dt.isJsonPrimitive() || !dt.getAsJsonPrimitive().isString()) {
            throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' has no dtype string");
        }
        TensorDtype dtype = TensorDtype.parse(dt.getAsString()).orElseThrow(() ->
                new SafetensorsException.UnsupportedDtype(file, "tensor '" + name + "' has unknown dtype " + dt.getAsString()));
        long[] shape = longArray(o.get("shape"), "shape", name, file);
        long[] offsets = longArray(o.get("data_offsets"), "data_offsets", name, file);
        if (offsets.length != 2) {
            throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' data_offsets must have 2 values");
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new SafetensorsException.BadLayout(file, "tensor '" + name + "' ends (" + end + ") before it begins (" + begin + ")");
        }
        if (end > dataSize) {
            throw new SafetensorsException.Truncated(file, "tensor '" + name + "' needs bytes up to " + end
                    + " but the data area has only " + dataSize);
        }
        long count;
        try {
            count = 1;
            for (long s : shape) {
                count = Math.multiplyExact(count, s);
            }
            count = Math.multiplyExact(count, dtype.byteSize());
        } catch (ArithmeticException ex) {
            throw new SafetensorsException.BadLayout(file, "tensor '" + name + "' shape overflows");
        }
        if (count != end - begin) {
            throw new SafetensorsException.BadLayout(file, "tensor '" + name + "' is " + dtype + java.util.Arrays.toString(shape)
                    + " = " + count + " bytes but its offsets span " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] longArray(JsonElement el, String field, String name, Path file) throws SafetensorsException {
        if (el == null || !el.isJsonArray()) {
            throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' has no " + field + " array");
        }
        var arr = el.getAsJsonArray();
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = arr.get(i);
            if (!v.isJsonPrimitive() || !((JsonPrimitive) v).isNumber()) {
                throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' " + field + " holds a non-number");
            }
            java.math.BigDecimal d = v.getAsBigDecimal();
            try {
                out[i] = d.longValueExact();
            } catch (ArithmeticException ex) {
                throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' " + field + " holds " + d
                        + ", not a 64-bit integer");
            }
            if (out[i] < 0) {
                throw new SafetensorsException.MalformedHeader(file, "entry '" + name + "' " + field + " holds a negative value");
            }
        }
        return out;
    }

    private static void checkNoOverlap(java.util.Collection<TensorInfo> infos, Path file) throws SafetensorsException {
        List<TensorInfo> sorted = new ArrayList<>(infos);
        sorted.removeIf(t -> t.byteLength() == 0);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo a = sorted.get(i - 1);
            TensorInfo b = sorted.get(i);
            if (b.begin() < a.end()) {
                throw new SafetensorsException.BadLayout(file, "tensors '" + a.name() + "' [" + a.begin() + ", " + a.end()
                        + ") and '" + b.name() + "' [" + b.begin() + ", " + b.end() + ") overlap");
            }
        }
    }

    public Path file() {
        return file;
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public TensorInfo info(String name) throws SafetensorsException {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new SafetensorsException(file, "no tensor named '" + name + "'");
        }
        return t;
    }

    /** The tensor's raw little-endian bytes, memory-mapped read-only (no copy). */
    public ByteBuffer bytes(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.byteLength() == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (t.byteLength() > Integer.MAX_VALUE) {
            throw new SafetensorsException.UnsupportedDtype(file, "tensor '" + name + "' is over 2 GiB; not supported");
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength())
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The tensor converted to float32 in C order; F32, F16, BF16 (and F64) are accepted. Every value is checked to
     * be finite in the same pass: a NaN or infinite weight would make every output NaN without an error, so it is
     * refused here with {@link SafetensorsException.NonFinite} naming the tensor and the element. For F16/BF16 the
     * check is one mask of the stored bits; for F32 one extra sweep over the converted array (see
     * docs/decisions/weights-and-outputs-finite.md for the measured cost).
     */
    public float[] readFloats(String name) throws IOException {
        TensorInfo t = info(name);
        if (t.elementCount() > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException.UnsupportedDtype(file, "tensor '" + name + "' is too large for one float array");
        }
        ByteBuffer b = bytes(name);
        float[] out = new float[(int) t.elementCount()];
        switch (t.dtype()) {
            case F32 -> {
                b.asFloatBuffer().get(out);
                int bad = FiniteCheck.firstNonFinite(out);
                if (bad >= 0) {
                    throw nonFinite(t, bad, out[bad]);
                }
            }
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    short h = b.getShort(2 * i);
                    if ((h & 0x7c00) == 0x7c00) { // all-ones exponent: infinity or NaN
                        throw nonFinite(t, i, HalfFloats.halfToFloat(h));
                    }
                    out[i] = HalfFloats.halfToFloat(h);
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    short h = b.getShort(2 * i);
                    if ((h & 0x7f80) == 0x7f80) {
                        throw nonFinite(t, i, HalfFloats.bfloat16ToFloat(h));
                    }
                    out[i] = HalfFloats.bfloat16ToFloat(h);
                }
            }
            case F64 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                    if (!Float.isFinite(out[i])) { // includes doubles too large for float32
                        throw nonFinite(t, i, b.getDouble(8 * i));
                    }
                }
            }
            default -> throw new SafetensorsException.UnsupportedDtype(file, "tensor '" + name + "' is " + t.dtype()
                    + "; weights must be F32, F16 or BF16");
        }
        return out;
    }

    private SafetensorsException.NonFinite nonFinite(TensorInfo t, int index, double value) {
        return new SafetensorsException.NonFinite(file, t.name(), index, t.elementCount(), value);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
