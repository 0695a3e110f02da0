package org.raylens.inference.io;

import org.raylens.inference.encoder.FloatTensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy .npy files (format 1.0–3.0) holding float32/float64/float16/uint8 in C order, either byte order, into a
 * float32 {@link FloatTensor}. Fortran order and object arrays are refused with a typed error.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    public static FloatTensor read(Path file) throws IOException {
        // Files.readAllBytes would say only "Is a directory" or the bare path: name the file and what was expected
        if (Files.isDirectory(file)) {
            throw new NpyFormatException(file + ": is a folder; expected a .npy file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NpyFormatException(file + ": no such file; expected a .npy file");
        }
        if (Files.size(file) > Integer.MAX_VALUE - 64) {
            throw new NpyFormatException(file + ": " + Files.size(file) + " bytes is larger than a .npy input can be");
        }
        return read(ByteBuffer.wrap(Files.readAllBytes(file)), file.toString());
    }

    public static FloatTensor read(ByteBuffer buf, String name) throws NpyFormatException {
        buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 10 || buf.get() != (byte) 0x93 || buf.get() != 'N' || buf.get() != 'U' || buf.get() != 'M'
                || buf.get() != 'P' || buf.get() != 'Y') {
            throw new NpyFormatException(name + ": not a .npy file (bad magic)");
        }
        int major = buf.get() & 0xff;
        buf.get();
        long headerLen;
        if (major == 1) {
            headerLen = buf.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (buf.remaining() < 4) {
                throw new NpyFormatException(name + ": truncated header");
            }
            headerLen = buf.getInt() & 0xffffffffL;
        } else {
            throw new NpyFormatException(name + ": unsupported .npy version " + major);
        }
        if (headerLen > buf.remaining()) {
            throw new NpyFormatException(name + ": truncated header");
        }
        byte[] hb = new byte[(int) headerLen];
        buf.get(hb);
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new NpyFormatException(name + ": Fortran-ordered arrays are not supported (save with C order)");
        }
        long[] shape = parseShape(group(SHAPE, header, name, "shape"), name);
        long count = 1;
        for (long s : shape) {
            count = Math.multiplyExact(count, s);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(name + ": too many elements");
        }
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = descr.replaceAll("^[<>|=]", "");
        int width = switch (kind) {
            case "f4" -> 4;
            case "f8" -> 8;
            case "f2" -> 2;
            case "u1" -> 1;
            default -> throw new NpyFormatException(name + ": dtype " + descr + " not supported (float32/64/16 or uint8)");
        };
        if ((long) width * count > buf.remaining()) {
            throw new NpyFormatException(name + ": data is " + buf.remaining() + " bytes, shape needs " + width * count);
        }
        ByteBuffer data = buf.slice().order(order);
        float[] out = new float[(int) count];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (width) {
                case 4 -> data.getFloat(4 * i);
                case 8 -> (float) data.getDouble(8 * i);
                case 2 -> org.raylens.inference.weights.HalfFloats.halfToFloat(data.getShort(2 * i));
                default -> data.get(i) & 0xff;
            };
        }
        return new FloatTensor(out, shape);
    }

    private static String group(Pattern p, String header, String name, String key) throws NpyFormatException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException(name + ": header has no " + key);
        }
        return m.group(1);
    }

    private static long[] parseShape(String s, String name) throws NpyFormatException {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t.replace("L", ""));
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(name + ": bad shape (" + s + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
