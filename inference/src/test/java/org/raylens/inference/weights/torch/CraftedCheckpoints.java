package org.raylens.inference.weights.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helper: writes pickle opcodes and torch-style zip checkpoints byte by byte. */
final class CraftedCheckpoints {
    private CraftedCheckpoints() {
    }

    /** A pickle written opcode by opcode (protocol 2 header included). */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            op(0x80).raw(2);
        }

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle int1(int v) {
            return op('K').raw(v);
        }

        Pickle int4(int v) {
            op('J');
            return le32(v);
        }

        Pickle le32(int v) {
            return raw(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X').le32(b.length);
            out.writeBytes(b);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Pushes a float tensor view over storage {@code key} of {@code numel} floats. */
        Pickle tensor(String key, int numel, int offset, int[] size, int[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").op('(');
            op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").int4(numel).op('t').op('Q');
            int4(offset).op('(');
            for (int s : size) {
                int4(s);
            }
            op('t').op('(');
            for (int s : stride) {
                int4(s);
            }
            op('t').op(0x89).global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        /** This pickle ended by STOP. */
        byte[] stop() {
            return op('.').bytes();
        }
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** A zip in torch's layout: stored entries named {@code archive/<name>}. */
    static byte[] zip(String archive, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(archive + "/" + e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A checkpoint of one pickle and the given storages ({@code data/<key>}). */
    static byte[] checkpoint(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data.pkl", pickle);
        storages.forEach((k, v) -> entries.put("data/" + k, v));
        entries.put("version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip("archive", entries);
    }

    static TorchCheckpoint open(byte[] checkpoint) throws IOException {
        return TorchCheckpoint.read(Path.of("crafted.pt"), CheckpointBytes.of(checkpoint),
                UnpicklePolicy.INERT_OUTSIDE_WEIGHTS);
    }

    static TorchCheckpoint open(byte[] checkpoint, UnpicklePolicy policy) throws IOException {
        return TorchCheckpoint.read(Path.of("crafted.pt"), CheckpointBytes.of(checkpoint), policy);
    }
}
