package org.raylens.viewer.dicom.codec.openjpeg;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * An OpenJPEG input stream over a codestream copied into native memory. The stream's user data is one native block:
 * length (8 bytes), read position (8 bytes), then the bytes. The callbacks keep no Java state, so one set of
 * callback objects (and their native trampolines) serves every decode on every thread; each decode owns its block.
 *
 * <p>Callbacks must never throw: an exception cannot unwind through OpenJPEG's C frames, so every failure is
 * reported the C way (−1 or false) and OpenJPEG turns it into an error of its own.
 */
final class MemoryStream {

    private static final long HEADER = 16;

    /** Bytes OpenJPEG buffers per read (its own default, OPJ_J2K_STREAM_CHUNK_SIZE). */
    private static final long CHUNK = 1 << 20;

    private static final OpenJp2.ReadCallback READ = MemoryStream::read;
    private static final OpenJp2.SkipCallback SKIP = MemoryStream::skip;
    private static final OpenJp2.SeekCallback SEEK = MemoryStream::seek;

    private MemoryStream() {
    }

    /** A native block holding {@code length} bytes of {@code data} from {@code offset}, positioned at 0. */
    static Memory block(byte[] data, int offset, int length) {
        Memory m = new Memory(HEADER + Math.max(1, length));
        m.setLong(0, length);
        m.setLong(8, 0);
        m.write(HEADER, data, offset, length);
        return m;
    }

    /** Creates an input stream reading {@code block}; the caller destroys the stream before freeing the block. */
    static Pointer open(OpenJp2 lib, Memory block) {
        Pointer stream = lib.opj_stream_create(Math.min(CHUNK, Math.max(4096, block.getLong(0))), 1);
        if (stream == null) {
            return null;
        }
        lib.opj_stream_set_read_function(stream, READ);
        lib.opj_stream_set_skip_function(stream, SKIP);
        lib.opj_stream_set_seek_function(stream, SEEK);
        lib.opj_stream_set_user_data(stream, block, null);
        lib.opj_stream_set_user_data_length(stream, block.getLong(0));
        return stream;
    }

    private static long read(Pointer buffer, long bytes, Pointer user) {
        try {
            long length = user.getLong(0);
            long position = user.getLong(8);
            if (position >= length || bytes <= 0) {
                return -1;
            }
            long n = Math.min(bytes, length - position);
            buffer.getByteBuffer(0, n).put(user.getByteBuffer(HEADER + position, n));
            user.setLong(8, position + n);
            return n;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static long skip(long bytes, Pointer user) {
        try {
            long length = user.getLong(0);
            long position = user.getLong(8);
            long target = Math.max(0, Math.min(length, position + bytes));
            user.setLong(8, target);
            return target - position;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static int seek(long offset, Pointer user) {
        try {
            if (offset < 0 || offset > user.getLong(0)) {
                return 0;
            }
            user.setLong(8, offset);
            return 1;
        } catch (Throwable t) {
            return 0;
        }
    }
}
