package org.raylens.inference.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Assembles the TorchScript archive of RayLens's kernel in memory, from the kernel's source kept in this repository
 * ({@code RayLensKernel.py}, a resource beside this class): no Python at build or run time, and no file written.
 *
 * <p>The layout is what {@code torch.jit.save} writes for a scripted module with no tensors (checked against an
 * archive saved by torch 1.13): one top folder holding {@code version} (file format 3), {@code constants.pkl} (an
 * empty tuple), {@code code/__torch__.py} (the class source, compiled by the loading libtorch) and {@code data.pkl}:
 * a pickle (protocol 2) of one {@code __torch__.RayLensKernel} object whose attribute dict sets {@code training},
 * {@code bf16} and two empty tensor lists (built by {@code torch.jit._pickle.build_tensorlist}). Entries are stored,
 * not deflated, as PyTorch's own writer stores data.
 */
final class KernelArchive {
    static final String CLASS_NAME = "RayLensKernel";
    private static final String SOURCE = CLASS_NAME + ".py";
    private static final String TOP = "raylens_kernel/";

    private KernelArchive() {
    }

    /** The kernel's TorchScript source, as kept in the repository. */
    static String source() {
        try (InputStream in = KernelArchive.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + SOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel source " + SOURCE, e);
        }
    }

    /** The archive's bytes: a module whose matmuls run in bf16 when {@code bf16}, in float32 otherwise. */
    static byte[] build(boolean bf16) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "data.pkl", modulePickle(bf16));
            stored(zip, "code/__torch__.py", source().getBytes(StandardCharsets.UTF_8));
            stored(zip, "constants.pkl", new byte[]{(byte) 0x80, 2, ')', '.'});
            stored(zip, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the kernel archive in memory", e);
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(TOP + name);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** data.pkl: {@code __torch__.RayLensKernel} with its attribute dict, in the opcodes torch.jit.save uses. */
    static byte[] modulePickle(boolean bf16) {
        Pickle p = new Pickle();
        p.op(0x80).op(2);                                   // PROTO 2
        p.global("__torch__", CLASS_NAME).op(')').op(0x81); // GLOBAL, EMPTY_TUPLE, NEWOBJ
        p.op('}').op('(');                                  // EMPTY_DICT, MARK
        p.string("training").op(0x89);                      // False: the kernel only runs inference
        p.string("bf16").op(bf16 ? 0x88 : 0x89);
        p.string("weights").emptyTensorList();
        p.string("biases").emptyTensorList();
        p.op('u').op('b').op('.');                          // SETITEMS, BUILD, STOP
        return p.bytes();
    }

    /** The few pickle opcodes data.pkl needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int opcode) {
            out.write(opcode);
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** BINUNICODE: a 4-byte little-endian length, then UTF-8. */
        Pickle string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            for (int i = 0; i < 4; i++) {
                out.write((b.length >>> (8 * i)) & 0xff);
            }
            out.writeBytes(b);
            return this;
        }

        /** torch.jit._pickle.build_tensorlist(([],)): GLOBAL, MARK, EMPTY_LIST, MARK, APPENDS, TUPLE, REDUCE. */
        Pickle emptyTensorList() {
            return global("torch.jit._pickle", "build_tensorlist").op('(').op(']').op('(').op('e').op('t').op('R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
