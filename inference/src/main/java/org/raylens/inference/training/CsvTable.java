package org.raylens.inference.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.core.io.CsvRecords;

/** A CSV file (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) as a header and rows. */
record CsvTable(List<String> header, List<List<String>> rows) {
    static CsvTable read(Path file) throws IOException {
        List<List<String>> all = new ArrayList<>();
        for (CsvRecords.Record r : CsvRecords.parse(Files.readAllBytes(file))) {
            if (r.openQuote()) {
                throw new IOException(file + ": unterminated quoted field");
            }
            if (!r.isBlank()) {
                all.add(r.cells());
            }
        }
        if (all.isEmpty()) {
            throw new IOException(file + ": empty CSV");
        }
        return new CsvTable(all.get(0), all.subList(1, all.size()));
    }

    int column(String name, Path file) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(file + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }
}
