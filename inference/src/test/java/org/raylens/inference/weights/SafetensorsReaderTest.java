package org.raylens.inference.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsReaderTest {
    @TempDir
    Path tmp;

    private Path raw(String name, long headerLen, String json, int dataBytes) throws IOException {
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + j.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLen).put(j);
        Path p = tmp.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private Path raw(String name, String json, int dataBytes) throws IOException {
        return raw(name, json.getBytes(StandardCharsets.UTF_8).length, json, dataBytes);
    }

    @Test
    void roundTripsF32F16Bf16() throws IOException {
        float[] v = {0f, 1f, -2.5f, 0.1f, 65504f, 1e-6f};
        Path p = tmp.resolve("w.safetensors");
        new SafetensorsWriter().put("a", v, new long[]{2, 3}, TensorDtype.F32)
                .put("h", v, new long[]{6}, TensorDtype.F16)
                .put("b", v, new long[]{3, 2}, TensorDtype.BF16).metadata("format", "pt").write(p);
        try (SafetensorsReader r = SafetensorsReader.open(p)) {
            assertArrayEquals(v, r.readFloats("a"));
            assertArrayEquals(new long[]{2, 3}, r.info("a").shape());
            float[] h = r.readFloats("h");
            float[] b = r.readFloats("b");
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], h[i], Math.abs(v[i]) * 1e-3 + 6e-8, "F16 " + i);
                assertEquals(v[i], b[i], Math.abs(v[i]) * 8e-3, "BF16 " + i);
            }
            assertEquals(0.0999755859375f, h[3]); // nearest half to 0.1
            assertEquals("pt", r.metadata().get("format"));
        }
    }

    @Test
    void truncatedDataIsATypedError() throws IOException {
        Path p = raw("t.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        var e = assertThrows(SafetensorsException.Truncated.class, () -> SafetensorsReader.open(p));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void fileShorterThanItsHeaderIsTruncated() throws IOException {
        Path p = raw("short.safetensors", 500, "{\"a\":", 0);
        assertThrows(SafetensorsException.Truncated.class, () -> SafetensorsReader.open(p));
        Path tiny = tmp.resolve("tiny.safetensors");
        Files.write(tiny, new byte[]{1, 2, 3});
        assertThrows(SafetensorsException.Truncated.class, () -> SafetensorsReader.open(tiny));
    }

    @Test
    void hugeHeaderSizeIsRefusedBeforeAllocating() throws IOException {
        Path p = raw("huge.safetensors", Long.MAX_VALUE, "{}", 0);
        assertThrows(SafetensorsException.MalformedHeader.class, () -> SafetensorsReader.open(p));
        Path q = raw("neg.safetensors", -8, "{}", 0);
        assertThrows(SafetensorsException.MalformedHeader.class, () -> SafetensorsReader.open(q));
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        Path p = raw("o.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24);
        var e = assertThrows(SafetensorsException.BadLayout.class, () -> SafetensorsReader.open(p));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void dtypeTimesShapeMustEqualByteLength() throws IOException {
        Path p = raw("m.safetensors", "{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16);
        assertThrows(SafetensorsException.BadLayout.class, () -> SafetensorsReader.open(p));
        Path q = raw("ov.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,16]}}", 16);
        assertThrows(SafetensorsException.BadLayout.class, () -> SafetensorsReader.open(q));
    }

    @Test
    void malformedHeadersAreTypedErrors() throws IOException {
        assertThrows(SafetensorsException.MalformedHeader.class,
                () -> SafetensorsReader.open(raw("j.safetensors", "{not json", 0)));
        assertThrows(SafetensorsException.MalformedHeader.class,
                () -> SafetensorsReader.open(raw("arr.safetensors", "[1,2]", 0)));
        assertThrows(SafetensorsException.MalformedHeader.class, () -> SafetensorsReader.open(
                raw("neg.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)));
        assertThrows(SafetensorsException.MalformedHeader.class, () -> SafetensorsReader.open(
                raw("frac.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)));
        assertThrows(SafetensorsException.UnsupportedDtype.class, () -> SafetensorsReader.open(
                raw("dt.safetensors", "{\"a\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4)));
        assertThrows(SafetensorsException.BadLayout.class, () -> SafetensorsReader.open(
                raw("rev.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4)));
    }

    @Test
    void integerTensorsCannotBeReadAsWeights() throws IOException {
        Path p = raw("i.safetensors", "{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8);
        try (SafetensorsReader r = SafetensorsReader.open(p)) {
            assertThrows(SafetensorsException.UnsupportedDtype.class, () -> r.readFloats("a"));
            assertThrows(SafetensorsException.class, () -> r.readFloats("missing"));
        }
    }

    @Test
    void halfConversionsAreExactOnRepresentableValues() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.halfToFloat((short) bits);
            if (!Float.isNaN(f)) {
                assertEquals((short) bits, HalfFloats.floatToHalf(f), "half " + Integer.toHexString(bits));
            }
        }
        assertEquals(1.0f, HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(1.0f)));
    }
}
