package org.raylens.inference.weights.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The central directory of a PyTorch zip checkpoint, read by hand rather than with {@code java.util.zip.ZipFile}
 * because the reader needs each entry's byte position to memory-map a storage in place, which ZipFile does not
 * expose. torch writes every entry stored (uncompressed) and switches to zip64 records past 4 GiB; both are handled.
 * Every count, size and offset is checked against the file's length before it is used, so a damaged directory
 * gives {@link TorchCheckpointException.BadZip} or {@link TorchCheckpointException.Truncated}, never a huge
 * allocation. An entry's local header (where its data starts) is read only when the entry is first used.
 */
final class ZipDirectory {
    /** One entry of the directory; {@link #dataOffset} is -1 until the local header has been read. */
    static final class Entry {
        final String name;
        final long size;
        final long crc;
        final long localHeader;
        long dataOffset = -1;
        boolean crcChecked;

        Entry(String name, long size, long crc, long localHeader) {
            this.name = name;
            this.size = size;
            this.crc = crc;
            this.localHeader = localHeader;
        }
    }

    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_SIG = 0x02014b50;
    private static final int LOCAL_SIG = 0x04034b50;
    private static final int EOCD_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;

    private final Path file;
    private final CheckpointBytes bytes;
    private final long directoryStart;
    private final Map<String, Entry> entries;

    private ZipDirectory(Path file, CheckpointBytes bytes, long directoryStart, Map<String, Entry> entries) {
        this.file = file;
        this.bytes = bytes;
        this.directoryStart = directoryStart;
        this.entries = entries;
    }

    static ZipDirectory read(Path file, CheckpointBytes bytes) throws IOException {
        long size = bytes.size();
        long eocd = findEndRecord(file, bytes);
        ByteBuffer end = bytes.slice(eocd, EOCD_SIZE);
        if (end.getShort(4) != 0 || end.getShort(6) != 0) {
            throw new TorchCheckpointException.BadZip(file, "split over several disks");
        }
        long count = end.getShort(10) & 0xffffL;
        long dirSize = end.getInt(12) & 0xffffffffL;
        long dirStart = end.getInt(16) & 0xffffffffL;
        if (count == 0xffff || dirSize == 0xffffffffL || dirStart == 0xffffffffL) {
            long[] z = readZip64End(file, bytes, eocd);
            count = z[0];
            dirSize = z[1];
            dirStart = z[2];
        }
        if (dirStart > size || dirSize > size - dirStart) {
            throw new TorchCheckpointException.Truncated(file, "the zip directory claims bytes [" + dirStart + ", +"
                    + dirSize + ") but the file has " + size);
        }
        if (count > dirSize / CENTRAL_SIZE) {
            throw new TorchCheckpointException.BadZip(file, count + " entries cannot fit in a " + dirSize
                    + "-byte directory");
        }
        if (dirSize > Integer.MAX_VALUE) {
            throw new TorchCheckpointException.BadZip(file, "zip directory of " + dirSize + " bytes is too large");
        }
        ByteBuffer dir = bytes.slice(dirStart, (int) dirSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            Entry e = readCentralEntry(file, dir, p, dirStart);
            p += CENTRAL_SIZE + (dir.getShort(p + 28) & 0xffff) + (dir.getShort(p + 30) & 0xffff)
                    + (dir.getShort(p + 32) & 0xffff);
            if (e.localHeader >= dirStart || e.size > dirStart - e.localHeader) {
                throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' lies outside the data area");
            }
            if (entries.putIfAbsent(e.name, e) != null) {
                throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' appears twice");
            }
        }
        return new ZipDirectory(file, bytes, dirStart, Collections.unmodifiableMap(entries));
    }

    private static long findEndRecord(Path file, CheckpointBytes bytes) throws IOException {
        long size = bytes.size();
        if (size < EOCD_SIZE) {
            throw new TorchCheckpointException.Truncated(file, "only " + size + " bytes, too short for a zip");
        }
        int window = (int) Math.min(size, EOCD_SIZE + 0xffff);
        ByteBuffer tail = bytes.slice(size - window, window);
        for (int p = window - EOCD_SIZE; p >= 0; p--) {
            if (tail.getInt(p) == EOCD_SIG && p + EOCD_SIZE + (tail.getShort(p + 20) & 0xffff) == window) {
                return size - window + p;
            }
        }
        throw new TorchCheckpointException.Truncated(file, "no zip end-of-directory record");
    }

    private static long[] readZip64End(Path file, CheckpointBytes bytes, long eocd) throws IOException {
        if (eocd < 20) {
            throw new TorchCheckpointException.BadZip(file, "zip64 sizes without a zip64 locator");
        }
        ByteBuffer loc = bytes.slice(eocd - 20, 20);
        if (loc.getInt(0) != ZIP64_LOCATOR_SIG) {
            throw new TorchCheckpointException.BadZip(file, "zip64 sizes without a zip64 locator");
        }
        long at = loc.getLong(8);
        if (at < 0 || at > eocd - 20 - 56) {
            throw new TorchCheckpointException.BadZip(file, "zip64 end record offset " + at + " is outside the file");
        }
        ByteBuffer z = bytes.slice(at, 56);
        if (z.getInt(0) != ZIP64_EOCD_SIG) {
            throw new TorchCheckpointException.BadZip(file, "no zip64 end record where the locator points");
        }
        long count = z.getLong(32);
        long dirSize = z.getLong(40);
        long dirStart = z.getLong(48);
        if (count < 0 || dirSize < 0 || dirStart < 0) {
            throw new TorchCheckpointException.BadZip(file, "negative zip64 directory fields");
        }
        return new long[] {count, dirSize, dirStart};
    }

    private static Entry readCentralEntry(Path file, ByteBuffer dir, int p, long dirStart) throws IOException {
        if (dir.limit() - p < CENTRAL_SIZE || dir.getInt(p) != CENTRAL_SIG) {
            throw new TorchCheckpointException.BadZip(file, "bad central directory record at " + (dirStart + p));
        }
        int flags = dir.getShort(p + 8) & 0xffff;
        int method = dir.getShort(p + 10) & 0xffff;
        long crc = dir.getInt(p + 16) & 0xffffffffL;
        long compressed = dir.getInt(p + 20) & 0xffffffffL;
        long size = dir.getInt(p + 24) & 0xffffffffL;
        int nameLen = dir.getShort(p + 28) & 0xffff;
        int extraLen = dir.getShort(p + 30) & 0xffff;
        int commentLen = dir.getShort(p + 32) & 0xffff;
        long local = dir.getInt(p + 42) & 0xffffffffL;
        if ((long) p + CENTRAL_SIZE + nameLen + extraLen + commentLen > dir.limit()) {
            throw new TorchCheckpointException.BadZip(file, "central directory record at " + (dirStart + p)
                    + " runs past the directory");
        }
        byte[] nameBytes = new byte[nameLen];
        dir.get(p + CENTRAL_SIZE, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        // zip64: the 0xffffffff fields are replaced, in this order, by 8-byte values in extra block 0x0001.
        int x = p + CENTRAL_SIZE + nameLen;
        int xEnd = x + extraLen;
        while (x + 4 <= xEnd) {
            int id = dir.getShort(x) & 0xffff;
            int len = dir.getShort(x + 2) & 0xffff;
            if (x + 4 + len > xEnd) {
                throw new TorchCheckpointException.BadZip(file, "entry '" + name + "' has a broken extra field");
            }
            if (id == 1) {
                int q = x + 4;
                if (size == 0xffffffffL) {
                    size = zip64Field(file, dir, q, x + 4 + len, name);
                    q += 8;
                }
                if (compressed == 0xffffffffL) {
                    compressed = zip64Field(file, dir, q, x + 4 + len, name);
                    q += 8;
                }
                if (local == 0xffffffffL) {
                    local = zip64Field(file, dir, q, x + 4 + len, name);
                }
            }
            x += 4 + len;
        }
        if ((flags & 1) != 0) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + name + "' is encrypted");
        }
        if (method != 0) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + name + "' is compressed (method " + method
                    + "); torch writes stored entries, so the checkpoint was re-zipped: save it again with torch.save");
        }
        if (compressed != size) {
            throw new TorchCheckpointException.BadZip(file, "stored entry '" + name + "' has compressed size "
                    + compressed + " but size " + size);
        }
        return new Entry(name, size, crc, local);
    }

    private static long zip64Field(Path file, ByteBuffer dir, int q, int end, String name) throws IOException {
        if (q + 8 > end) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + name + "' has a short zip64 extra field");
        }
        long v = dir.getLong(q);
        if (v < 0) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + name + "' has a negative zip64 size");
        }
        return v;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry entry(String name) {
        return entries.get(name);
    }

    /** Where the entry's bytes start, from its local header (read once, then remembered). */
    synchronized long dataOffset(Entry e) throws IOException {
        if (e.dataOffset >= 0) {
            return e.dataOffset;
        }
        if (e.localHeader > directoryStart - LOCAL_SIZE) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' local header is outside the file");
        }
        ByteBuffer h = bytes.slice(e.localHeader, LOCAL_SIZE);
        if (h.getInt(0) != LOCAL_SIG) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' has no local header at "
                    + e.localHeader);
        }
        long data = e.localHeader + LOCAL_SIZE + (h.getShort(26) & 0xffff) + (h.getShort(28) & 0xffff);
        if (data > directoryStart || e.size > directoryStart - data) {
            throw new TorchCheckpointException.Truncated(file, "entry '" + e.name + "' needs " + e.size
                    + " bytes from " + data + " but the data area ends at " + directoryStart);
        }
        e.dataOffset = data;
        return data;
    }

    /**
     * The entry's bytes, with its CRC-32 verified on first use: a flipped bit in a 20 MB storage would otherwise
     * load as a silently wrong weight. Entries over 2 GiB are refused (one Java buffer cannot hold them).
     */
    ByteBuffer read(Entry e) throws IOException {
        if (e.size > Integer.MAX_VALUE) {
            throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' is over 2 GiB; not supported");
        }
        ByteBuffer data = bytes.slice(dataOffset(e), (int) e.size);
        synchronized (this) {
            if (!e.crcChecked) {
                CRC32 crc = new CRC32();
                crc.update(data.duplicate());
                if (crc.getValue() != e.crc) {
                    throw new TorchCheckpointException.BadZip(file, "entry '" + e.name + "' fails its CRC-32 check"
                            + " (the file is damaged)");
                }
                e.crcChecked = true;
            }
        }
        return data;
    }
}
