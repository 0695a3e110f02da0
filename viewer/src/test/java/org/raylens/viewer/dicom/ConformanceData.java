package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared conformance files (../shared/data/dicom-conformance) and their manifest, read in place. Tests that use
 * them skip with a message when the shared folder is absent.
 */
public final class ConformanceData {
    private ConformanceData() {}

    /** One manifest row, by column name. */
    public record Row(Map<String, String> columns) {
        public String get(String column) {
            return columns.getOrDefault(column, "");
        }

        public String path() {
            return get("path");
        }

        public boolean parsed() {
            return get("parsed").equals("Y");
        }
    }

    /** ${raylens.shared}, or ../shared beside the repository root when the property is unset; null if absent. */
    public static Path sharedDir() {
        String property = System.getProperty("raylens.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("viewer"))) {
            dir = dir.getParent();
        }
        if (dir == null || dir.getParent() == null) {
            return null;
        }
        Path shared = dir.getParent().resolve("shared");
        return Files.isDirectory(shared) ? shared : null;
    }

    /** The conformance folder, or a skipped test when it is absent. */
    public static Path folder() {
        Path shared = sharedDir();
        Path folder = shared == null ? null : shared.resolve("data/dicom-conformance");
        assumeTrue(folder != null && Files.isRegularFile(folder.resolve("manifest.csv")),
                "shared conformance data not found (set -Draylens.shared); skipping");
        return folder;
    }

    public static List<Row> manifest() {
        Path folder = folder();
        try {
            List<String> lines = Files.readAllLines(folder.resolve("manifest.csv"), StandardCharsets.UTF_8);
            List<String> header = splitCsv(lines.get(0));
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitCsv(line);
                Map<String, String> map = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    map.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                rows.add(new Row(map));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 fields: commas inside double quotes, "" for a quote. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
