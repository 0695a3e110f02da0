package org.raylens.viewer.dicom.codec.openjpeg;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * Collects OpenJPEG's error or warning messages for one decode into a small native block (used byte count, then
 * text), so the typed error can quote them. Without handlers of its own a codec would print nothing useful to the
 * user; with these it prints nothing at all. The callback keeps no Java state (one instance serves every decode),
 * and OpenJPEG serialises messages from its worker threads behind a mutex, so appends do not race.
 */
final class Messages implements AutoCloseable {

    private static final int CAPACITY = 2048;

    /** Appends the message to the block passed as user data; never throws into C. */
    static final OpenJp2.MessageCallback COLLECT = Messages::append;

    /** Discards informational messages. */
    static final OpenJp2.MessageCallback IGNORE = (message, user) -> {
    };

    private final Memory block = new Memory(4 + CAPACITY);

    Messages() {
        block.clear();
    }

    Pointer block() {
        return block;
    }

    /** The messages so far, joined by "; ", or "" when there were none. */
    String text() {
        int used = block.getInt(0);
        byte[] b = block.getByteArray(4, used);
        return new String(b, StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        block.close();
    }

    private static void append(Pointer message, Pointer user) {
        try {
            if (message == null || user == null) {
                return;
            }
            String text = message.getString(0, StandardCharsets.UTF_8.name()).trim();
            int used = user.getInt(0);
            byte[] bytes = ((used == 0 ? "" : "; ") + text).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(bytes.length, CAPACITY - used);
            if (n > 0) {
                user.write(4 + used, bytes, 0, n);
                user.setInt(0, used + n);
            }
        } catch (Throwable ignored) {
            // a message lost is better than an exception inside OpenJPEG's C frames
        }
    }
}
