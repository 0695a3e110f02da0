package org.raylens.app.spark;

import org.raylens.core.io.CsvRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the shared data and tiny model are, and how to read an embed CSV back, for the Spark job's tests. */
final class TestData {
    private TestData() {
    }

    /** ../shared (or -Draylens.shared), when present. */
    static Optional<Path> shared() {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop)
                : Path.of("").toAbsolutePath().resolve("../../../shared").normalize();
        return Files.isDirectory(shared.resolve("golden")) && Files.isDirectory(shared.resolve("data/cxr"))
                ? Optional.of(shared.normalize()) : Optional.empty();
    }

    /** The golden tiny DINOv2 (HF layout, hidden size 64). */
    static Path tinyModel(Path shared) {
        return shared.resolve("golden/tiny/hf");
    }

    /** source → embedding of an embeddings CSV ({@code raylens embed}'s columns). */
    static Map<String, float[]> readCsv(Path csv) throws IOException {
        List<CsvRecords.Record> rows = CsvRecords.parse(Files.readAllBytes(csv));
        int first = rows.get(0).cells().indexOf("e0");
        Map<String, float[]> out = new LinkedHashMap<>();
        for (CsvRecords.Record r : rows.subList(1, rows.size())) {
            if (r.isBlank()) {
                continue;
            }
            List<String> c = r.cells();
            float[] v = new float[c.size() - first];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.parseFloat(c.get(first + i));
            }
            out.put(c.get(0), v);
        }
        return out;
    }
}
