package org.raylens.viewer.dicom.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Locates ../shared/data (system property {@code raylens.shared}, else ../shared beside the repository root) and
 * reads the conformance manifest. Tests skip when it is absent.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder, or null when it cannot be found. */
    public static Path root() {
        String prop = System.getProperty("raylens.shared");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("viewer"))) {
                Path shared = dir.resolveSibling("shared");
                return Files.isDirectory(shared) ? shared : null;
            }
            dir = dir.getParent();
        }
        return null;
    }

    static Path conformance() {
        Path r = root();
        return r == null ? null : r.resolve("data/dicom-conformance");
    }

    /** Manifest rows keyed by path, each a column-name → value map. */
    static Map<String, Map<String, String>> manifest() throws IOException {
        Path dir = conformance();
        Map<String, Map<String, String>> rows = new HashMap<>();
        if (dir == null || !Files.isRegularFile(dir.resolve("manifest.csv"))) {
            return rows;
        }
        List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
        List<String> header = parseCsvLine(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = parseCsvLine(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size() && i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("path"), row);
        }
        return rows;
    }

    private static List<String> parseCsvLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    /** A PixelDescription from a manifest row. */
    static PixelDescription description(Map<String, String> row) {
        int frames = row.get("number_of_frames").isEmpty() ? 1
                : (int) Double.parseDouble(row.get("number_of_frames"));
        int spp = Integer.parseInt(row.get("samples_per_pixel"));
        return new PixelDescription(Integer.parseInt(row.get("rows")), Integer.parseInt(row.get("cols")), frames,
                spp, Integer.parseInt(row.get("bits_allocated")), Integer.parseInt(row.get("bits_stored")),
                Integer.parseInt(row.get("high_bit")), "1".equals(row.get("pixel_representation")),
                row.get("photometric"), 0);
    }

    /**
     * Converts RayLens's stored values to the manifest's convention before hashing. GDCM (the manifest's decoder for
     * JPEG-family syntaxes) returns signed samples with Bits Stored &lt; Bits Allocated without sign extension, e.g.
     * JLSL_16_15_1_1F.dcm (15-bit signed) hashes as raw 15-bit values; RayLens sign-extends, as PS3.5 says the
     * stored value means. Masking back to Bits Stored compares the same bits.
     */
    static int[] asManifestValues(int[] decoded, PixelDescription d, Map<String, String> row) {
        if (d.signed() && d.bitsStored() < d.bitsAllocated() && "gdcm_handler".equals(row.get("decoder"))) {
            int mask = (1 << d.bitsStored()) - 1;
            int[] copy = decoded.clone();
            for (int i = 0; i < copy.length; i++) {
                copy[i] &= mask;
            }
            return copy;
        }
        return decoded;
    }

    /** SHA-256 of samples as pydicom's little-endian pixel_array bytes (1, 2 or 4 bytes by Bits Allocated). */
    static String sha256(int[] samples, int bitsAllocated) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            int bytes = bitsAllocated <= 8 ? 1 : bitsAllocated <= 16 ? 2 : 4;
            byte[] buf = new byte[samples.length * bytes];
            for (int i = 0; i < samples.length; i++) {
                for (int k = 0; k < bytes; k++) {
                    buf[i * bytes + k] = (byte) (samples[i] >> (8 * k));
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest(buf));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
