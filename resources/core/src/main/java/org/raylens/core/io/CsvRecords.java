package org.raylens.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV reader of RayLens (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; records end with
 * LF, CRLF or a lone CR). It reads bytes, not text, and reports for each record where it ends and whether it ended
 * with its line break, because resuming a table that a kill cut short needs both: the byte offset to truncate at and
 * whether the last record is whole. The quote, comma and line breaks are ASCII and never occur inside a UTF-8
 * multi-byte character, so scanning bytes is safe; cells are decoded as UTF-8. A UTF-8 byte-order mark is skipped.
 */
public final class CsvRecords {

    /**
     * One record: its cells, whether it ended with its line break (false for a last record without one), whether the
     * data ended inside a quoted field (only ever on the last record), and the byte offset just after it (after its
     * line break when it has one).
     */
    public record Record(List<String> cells, boolean complete, boolean openQuote, long end) {

        /** A blank line: one empty cell. */
        public boolean isBlank() {
            return cells.size() == 1 && cells.get(0).isEmpty();
        }
    }

    private CsvRecords() {}

    public static List<Record> parse(byte[] b) {
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        ByteArrayOutputStream cell = new ByteArrayOutputStream();
        boolean quoted = false;
        boolean started = false;
        int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < b.length; i++) {
            byte ch = b[i];
            started = true;
            if (quoted) {
                if (ch == '"' && i + 1 < b.length && b[i + 1] == '"') {
                    cell.write('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.write(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString(StandardCharsets.UTF_8));
                cell.reset();
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
                cells.add(cell.toString(StandardCharsets.UTF_8));
                cell.reset();
                records.add(new Record(List.copyOf(cells), true, false, i + 1L));
                cells.clear();
                started = false;
            } else {
                cell.write(ch);
            }
        }
        if (started) {
            cells.add(cell.toString(StandardCharsets.UTF_8));
            records.add(new Record(List.copyOf(cells), false, quoted, b.length));
        }
        return records;
    }
}
